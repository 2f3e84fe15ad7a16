// One switch between production CloudBase and the local emulator (`npm start`). Local mode in WeChat DevTools needs no
// edit here: a compile condition (project.private.config.json, git-ignored) names it (services/runtime-config.ts).
export interface AppConfig {
  /** 'cloud': wx.cloud.callFunction; 'local': HTTP to the emulator's gateway. */
  mode: 'cloud' | 'local';
  /** CloudBase environment id (e.g. 'prod-1a2b3c'); empty until a deployment fills it in, and then calls say so. */
  cloudEnv: string;
  /** Emulator gateway base URL; the function name is appended. */
  localGateway: string;
  /** Caller identity in local mode until a dev openid is stored on this install. */
  localOpenid: string;
}

export const config: AppConfig = {
  mode: 'cloud',
  cloudEnv: '',
  localGateway: 'http://127.0.0.1:3900/functions',
  localOpenid: 'dev-openid-local',
};
