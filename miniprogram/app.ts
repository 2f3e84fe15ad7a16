import { config } from './config';
import { privacyGate } from './services/privacy';
import * as wechat from './services/wechat';

App({
  onLaunch() {
    if (config.mode === 'cloud') wechat.initCloud(config.cloudEnv);
    // Registered once here: the platform keeps only the last listener.
    wechat.onNeedPrivacyAuthorization((resolve, referrer) => privacyGate.request(resolve, referrer));
  },
});
