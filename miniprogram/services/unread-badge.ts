// The unread count on the 我的 tab, where 消息 is: set by 我的 when it loads and by 消息 whenever the count changes.
import { unreadBadgeText } from '../common/unread';
import { routes, TAB_ROUTES } from '../domain/routes';
import * as wechat from './wechat';

const ME_TAB = TAB_ROUTES.indexOf(routes.me);

export function showUnreadOnMeTab(unread: number): void {
  wechat.setTabBadge(ME_TAB, unreadBadgeText(unread));
}
