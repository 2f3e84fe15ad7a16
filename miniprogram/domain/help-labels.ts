// The words of a help request's status (求助), the same on the phone and in the help function's answers and messages.
// Pure.
import type { HelpStatus } from '../../typings/help';

export const HELP_STATUS_LABELS: Readonly<Record<HelpStatus, string>> = {
  pending: '待核实',
  rejected: '未通过核实',
  withdrawn: '已撤回',
  dispatched: '派单中',
  unmatched: '暂无组织接单',
  accepted: '已接单',
  served: '服务完成待评价',
  rated: '已评价',
  expired: '已过期',
};
