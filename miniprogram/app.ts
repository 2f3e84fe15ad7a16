import { config } from './config';
import { setDevOpenid } from './services/api';
import { privacyGate } from './services/privacy';
import { cloudEnvConfigured, configFor, useConfig } from './services/runtime-config';
import * as wechat from './services/wechat';

App({
  onLaunch(options?: { query?: Record<string, string | undefined> }) {
    // A DevTools compile condition may name local mode (services/runtime-config.ts); otherwise config.ts decides.
    const launch = configFor(config, { query: options?.query, envVersion: wechat.envVersion() });
    useConfig(launch.config);
    if (launch.devOpenid) setDevOpenid(launch.devOpenid);
    if (launch.config.mode === 'cloud' && cloudEnvConfigured(launch.config)) wechat.initCloud(launch.config.cloudEnv);
    // Registered once here: the platform keeps only the last listener.
    wechat.onNeedPrivacyAuthorization((resolve, referrer) => privacyGate.request(resolve, referrer));
  },
});
