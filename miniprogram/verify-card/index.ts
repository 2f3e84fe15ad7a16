// 核验志愿服务证 (?scene=<code> from the mini-program code on a saved card image, or ?proof=<code>): anyone, registered
// or not, sees whether the image belongs to a registered volunteer and what the server holds today, name masked.
// Without a code in the link the page offers a field to type the code printed under the image's mini-program code.
import { call } from '../services/api';
import { codeFromQuery, malformedView, toVerifyCardView, type VerifyCardView } from './view-model';

Component<
  { view: VerifyCardView; input: string },
  {},
  {
    onLoad(query: Record<string, string | undefined>): Promise<void>;
    onInput(e: { detail: { value: string } }): void;
    onCheck(): Promise<void>;
  },
  []
>({
  data: { view: { kind: 'idle' }, input: '' },
  methods: {
    async onLoad(query) {
      const input = codeFromQuery(query);
      this.setData({ input });
      if (input !== '') await this.onCheck();
    },
    onInput(e) {
      this.setData({ input: e.detail.value });
    },
    async onCheck() {
      if (this.data.view.kind === 'checking') return;
      const malformed = malformedView(this.data.input);
      if (malformed) {
        this.setData({ view: malformed });
        return;
      }
      this.setData({ view: { kind: 'checking' } });
      const outcome = await call('volunteer', 'verifyCard', { proof: this.data.input });
      this.setData({ view: toVerifyCardView(outcome) });
    },
  },
});
