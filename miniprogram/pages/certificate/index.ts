// 证明详情 (?certificateId=…, from the certificate list): the certificate's summary, 打开证明 (the PDF downloaded
// and opened with the menu that saves or forwards it) and 转发给朋友 (the PDF sent to a chat). A revoked certificate
// says so before it opens. 转发电子凭证 sends the certificate's Verifiable Credential as a JSON file. The file is fetched once per page and reused by both buttons.
import { call } from '../../services/api';
import * as wechat from '../../services/wechat';
import { CERTIFICATE_PAGE_TEXT as T } from '../../domain/messages';
import { errorView, loadingCertificate, toCertificateView, type CertificateView } from './view-model';

type Busy = '' | 'open' | 'share' | 'credential';

Component<
  { view: CertificateView; certificateId: string; busy: Busy; filePath: string; fileName: string },
  {},
  {
    onLoad(query: Record<string, string | undefined>): Promise<void>;
    load(): Promise<void>;
    fetchFile(): Promise<{ filePath: string; fileName: string } | null>;
    onOpen(): Promise<void>;
    onShare(): Promise<void>;
    onShareCredential(): Promise<void>;
  },
  [],
  {}
>({
  data: { view: loadingCertificate, certificateId: '', busy: '', filePath: '', fileName: '' },
  methods: {
    onLoad(query) {
      this.setData({ certificateId: query.certificateId ?? '' });
      if (!query.certificateId) {
        this.setData({ view: errorView(T.missingId) });
        return Promise.resolve();
      }
      return this.load();
    },
    async load() {
      const outcome = await call('certificate', 'detail', { certificateId: this.data.certificateId });
      this.setData({ view: outcome.ok ? toCertificateView(outcome.data) : errorView(outcome.error.message) });
    },
    async fetchFile() {
      if (this.data.filePath) return { filePath: this.data.filePath, fileName: this.data.fileName };
      const outcome = await call('certificate', 'download', { certificateId: this.data.certificateId });
      if (!outcome.ok) {
        wechat.showToast(outcome.error.message);
        return null;
      }
      if (outcome.data.revoked) await wechat.notice(T.revokedTitle, outcome.data.revoked.notice);
      try {
        const filePath = await wechat.downloadFile(outcome.data.url);
        this.setData({ filePath, fileName: outcome.data.fileName });
        return { filePath, fileName: outcome.data.fileName };
      } catch {
        wechat.showToast(T.openFailed);
        return null;
      }
    },
    async onOpen() {
      if (this.data.busy) return;
      this.setData({ busy: 'open' });
      const file = await this.fetchFile();
      if (file) await wechat.openDocument(file.filePath, 'pdf').catch(() => wechat.showToast(T.openFailed));
      this.setData({ busy: '' });
    },
    async onShare() {
      if (this.data.busy) return;
      this.setData({ busy: 'share' });
      const file = await this.fetchFile();
      if (file) await wechat.shareFileMessage(file.filePath, file.fileName).catch(() => wechat.showToast(T.shareFailed));
      this.setData({ busy: '' });
    },
    // The Verifiable Credential as a JSON file: written to the mini-program's folder and sent to a chat.
    async onShareCredential() {
      if (this.data.busy) return;
      this.setData({ busy: 'credential' });
      const outcome = await call('certificate', 'credential', { certificateId: this.data.certificateId });
      if (!outcome.ok) wechat.showToast(outcome.error.message);
      else {
        const path = await wechat.writeTextFile(outcome.data.fileName, outcome.data.json).catch(() => null);
        if (!path) wechat.showToast(T.credentialFailed);
        else await wechat.shareFileMessage(path, outcome.data.fileName).catch(() => wechat.showToast(T.shareFailed));
      }
      this.setData({ busy: '' });
    },
  },
});
