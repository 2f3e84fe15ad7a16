// Message-push routing: each <MsgType, Event> pair goes to the one function whose config.json claims it, and two
// functions claiming one pair stop the emulator at start (云函数接收消息推送: "同一个 <消息类型, 事件类型> 二元组只能推到
// 一个环境的一个云函数").
import type { FunctionInfo } from '../src/runtime/runtime';
import { messagePushRoutes } from '../src/server';

const fn = (name: string, messagePush: FunctionInfo['messagePush']): FunctionInfo => ({ name, folder: '', entry: '', timeoutSeconds: 3, envVariables: {}, triggers: [], openapi: [], messagePush, httpAccess: [] });

test('each pair goes to the function that claims it; a pair claimed twice is refused', () => {
  const routes = messagePushRoutes([fn('project', [{ msgType: 'event', event: 'wxa_media_check' }]), fn('inbox', [{ msgType: 'text', event: '' }]), fn('user', [])]);
  expect(routes.get('event\nwxa_media_check')).toBe('project');
  expect(routes.get('text\n')).toBe('inbox');
  expect(routes.size).toBe(2);
  expect(() => messagePushRoutes([fn('project', [{ msgType: 'event', event: 'wxa_media_check' }]), fn('other', [{ msgType: 'event', event: 'wxa_media_check' }])])).toThrow(
    /claimed by both project and other/,
  );
});
