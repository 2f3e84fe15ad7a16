// The unread count as a badge shows it (我的's 消息 entry and the 我的 tab). Pure.

/** '' hides the badge; a badge fits about four characters, so 99+ above 99. */
export function unreadBadgeText(unread: number): string {
  if (!(unread > 0)) return '';
  return unread > 99 ? '99+' : String(Math.floor(unread));
}
