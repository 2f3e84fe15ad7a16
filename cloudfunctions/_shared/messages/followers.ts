// What the follower function answers on its HTTP access path. WeChat's servers read these, not a person, but a
// developer pointing the console's 服务器配置 at the wrong place reads them in the console's error.
export const FOLLOWER_TEXTS = {
  notConfigured: '公众号服务器配置未完成：缺少 Token 或 AppID',
  badSignature: '签名校验失败',
  stale: '请求时间戳已过期',
  encryptionRequired: '已配置消息加解密密钥，只接受安全模式（encrypt_type=aes）的推送',
  badMessage: '消息格式无法识别',
  wrongAccount: '消息不属于本公众号',
  methodNotAllowed: '只接受 GET（服务器配置校验）和 POST（消息推送）',
} as const;
