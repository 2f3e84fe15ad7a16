// The product's WeChat templates (cloudfunctions/_shared/messages/templates.ts, one slot per kind of message), as a
// deployment sets them up in the consoles: each slot's template with its keywords on the mini-program (subscribe
// messages) and on the official account, and its id in the functions' ZY_TMPL_SUB_<SLOT> / ZY_TMPL_OA_<SLOT>.
import { ALL_SLOTS, TEMPLATE_SLOTS, templateEnvVar } from '../../../cloudfunctions/_shared/messages/templates';
import type { DeliveryChannel } from '../../../typings/notify';

export interface ProductTemplate {
  channel: DeliveryChannel;
  envVar: string;
  templateId: string;
  keys: string[];
}

export function productTemplates(): ProductTemplate[] {
  return ALL_SLOTS.flatMap((slot) =>
    (['subscribe', 'officialAccount'] as const).map((channel) => ({
      channel,
      envVar: templateEnvVar(channel, slot),
      templateId: `local-${channel === 'subscribe' ? 'sub' : 'oa'}-${slot.toLowerCase().replace(/_/g, '-')}`,
      keys: TEMPLATE_SLOTS[slot].keywords.map((k) => k.key),
    })),
  );
}
