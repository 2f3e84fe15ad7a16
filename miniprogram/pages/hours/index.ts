// 我的时长: total confirmed hours and the records behind them.
// Service records arrive with check-in/out in a later issue; until then every volunteer has none.
import { toHoursView, type HoursView } from './view-model';

Component<{ view: HoursView }, {}, {}, []>({
  data: { view: toHoursView(0) },
});
