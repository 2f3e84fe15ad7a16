// One switch between production CloudBase and the local emulator (`npm start`).
export interface AppConfig {
  /** 'cloud': wx.cloud.callFunction; 'local': HTTP to the emulator's gateway. */
  mode: 'cloud' | 'local';
  /** CloudBase environment id; replace with yours. */
  cloudEnv: string;
  /** Emulator gateway base URL; the function name is appended. */
  localGateway: string;
  /** Caller identity in local mode until a dev openid is stored on this install. */
  localOpenid: string;
}

export const config: AppConfig = {
  mode: 'cloud',
  cloudEnv: 'your-env-id',
  localGateway: 'http://127.0.0.1:3900/functions',
  localOpenid: 'dev-openid-local',
};
