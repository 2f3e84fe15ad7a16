// 我的时长: total confirmed hours and the records behind them.
// Service records arrive with check-in/out in a later issue; until then every volunteer has none.
// 登记时长 (declaration, 补录, hour code) opens from here.
import { routes } from '../../domain/routes';
import * as wechat from '../../services/wechat';
import { toHoursView, type HoursView } from './view-model';

Component<{ view: HoursView }, {}, { onOpenDeclare(): void }, []>({
  data: { view: toHoursView(0) },
  methods: {
    onOpenDeclare() {
      wechat.navigateTo(routes.declareHours).catch(() => wechat.showToast('页面打开失败，请稍后重试'));
    },
  },
});
