// Every WeChat API the mini-program uses, wrapped once: promises instead of callbacks,
// typed results, and the few places where the official typings are wrong.

export interface PlatformError {
  errCode?: number;
  errMsg: string;
}

function toPlatformError(err: unknown): PlatformError {
  if (err && typeof err === 'object' && 'errMsg' in err) {
    const e = err as { errMsg: unknown; errCode?: unknown };
    return { errMsg: String(e.errMsg), errCode: typeof e.errCode === 'number' ? e.errCode : undefined };
  }
  return { errMsg: err instanceof Error ? err.message : String(err) };
}

/** Which version is running: 'develop' in DevTools and 开发版, 'trial' for 体验版, 'release' once published. */
export function envVersion(): 'develop' | 'trial' | 'release' {
  try {
    return wx.getAccountInfoSync().miniProgram.envVersion;
  } catch {
    return 'release';
  }
}

export function initCloud(env: string): void {
  wx.cloud.init({ env, traceUser: true });
}

/** Resolves with the function's return value; rejects with a PlatformError when the call itself failed. */
export function callFunction(name: string, data: Record<string, unknown>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    wx.cloud.callFunction({
      name,
      data,
      success: (res) => resolve(res.result),
      fail: (err) => reject(toPlatformError(err)),
    });
  });
}

export interface HttpResponse {
  statusCode: number;
  data: unknown;
}

export function postJson(url: string, data: Record<string, unknown>, header: Record<string, string>): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    wx.request({
      url,
      method: 'POST',
      data,
      header: { 'content-type': 'application/json', ...header },
      dataType: 'json',
      success: (res) => resolve({ statusCode: res.statusCode, data: res.data }),
      fail: (err) => reject(toPlatformError(err)),
    });
  });
}

/** Undefined when the key is absent (WeChat answers '' for a missing key). */
export function readStorage(key: string): string | undefined {
  try {
    const value: unknown = wx.getStorageSync(key);
    return typeof value === 'string' && value !== '' ? value : undefined;
  } catch {
    return undefined;
  }
}

export function writeStorage(key: string, value: string): void {
  wx.setStorageSync(key, value);
}

export function navigateTo(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    wx.navigateTo({ url, success: () => resolve(), fail: (err) => reject(toPlatformError(err)) });
  });
}

/** 'unasked' until the user has answered the system prompt once; after a refusal only openSetting can grant it. */
export type PermissionState = 'granted' | 'denied' | 'unasked';

function permissionOf(value: boolean | undefined): PermissionState {
  if (value === undefined) return 'unasked';
  return value ? 'granted' : 'denied';
}

export function getLocationPermission(): Promise<PermissionState> {
  return new Promise((resolve) => {
    wx.getSetting({
      success: (res) => resolve(permissionOf(res.authSetting['scope.userLocation'])),
      fail: () => resolve('unasked'),
    });
  });
}

/** Opens the settings page; resolves with the location permission after the user comes back. */
export function openLocationSetting(): Promise<PermissionState> {
  return new Promise((resolve) => {
    wx.openSetting({
      success: (res) => resolve(permissionOf(res.authSetting['scope.userLocation'])),
      fail: () => resolve('denied'),
    });
  });
}

export interface Coordinates {
  latitude: number;
  longitude: number;
}

/** GCJ-02, the datum WeChat maps and Tencent location services use. */
export function getLocation(): Promise<Coordinates> {
  return new Promise((resolve, reject) => {
    wx.getLocation({
      type: 'gcj02',
      success: (res) => resolve({ latitude: res.latitude, longitude: res.longitude }),
      fail: (err) => reject(toPlatformError(err)),
    });
  });
}

export interface ChosenPlace extends Coordinates {
  name: string;
  address: string;
}

export function chooseLocation(): Promise<ChosenPlace> {
  return new Promise((resolve, reject) => {
    wx.chooseLocation({
      success: (res) =>
        resolve({ name: res.name, address: res.address, latitude: res.latitude, longitude: res.longitude }),
      fail: (err) => reject(toPlatformError(err)),
    });
  });
}

export type PrivacyDecision =
  | { event: 'agree'; buttonId: string }
  | { event: 'disagree' }
  | { event: 'exposureAuthorization' };
export type PrivacyResolve = (decision: PrivacyDecision) => void;

/**
 * The official typings give this listener a GeneralCallbackResult; the platform actually passes
 * (resolve, eventInfo). Registration is last-wins, so the app registers exactly once.
 */
export function onNeedPrivacyAuthorization(listener: (resolve: PrivacyResolve, referrer: string) => void): void {
  if (typeof wx.onNeedPrivacyAuthorization !== 'function') return; // base library < 2.32.3
  const register = wx.onNeedPrivacyAuthorization as unknown as (
    cb: (resolve: PrivacyResolve, info?: { referrer?: string }) => void,
  ) => void;
  register((resolve, info) => listener(resolve, info?.referrer ?? ''));
}

export function openPrivacyContract(): Promise<void> {
  return new Promise((resolve, reject) => {
    wx.openPrivacyContract({ success: () => resolve(), fail: (err) => reject(toPlatformError(err)) });
  });
}

export function showToast(title: string): void {
  wx.showToast({ title, icon: 'none' });
}

// ── Navigation ──────────────────────────────────────────────────────────────────────────────────────────────────

/** Tab pages are opened with switchTab; navigateTo refuses them. */
export function switchTab(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    wx.switchTab({ url, success: () => resolve(), fail: (err) => reject(toPlatformError(err)) });
  });
}

/** Replaces the page on screen (a finished form should not be reachable with 返回). */
export function redirectTo(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    wx.redirectTo({ url, success: () => resolve(), fail: (err) => reject(toPlatformError(err)) });
  });
}

/** Closes every page and opens `url` (a tab page too): the app starts again, e.g. as another local identity. */
export function reLaunch(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    wx.reLaunch({ url, success: () => resolve(), fail: (err) => reject(toPlatformError(err)) });
  });
}

// ── Sharing ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** Shows 转发 in the page's menu; the page's onShareAppMessage says what is shared. */
export function showShareMenu(): void {
  wx.showShareMenu({ withShareTicket: false, menus: ['shareAppMessage'] });
}

/** 转发 and 分享到朋友圈; the page's onShareAppMessage / onShareTimeline say what is shared. */
export function showShareMenuWithTimeline(): void {
  wx.showShareMenu({ withShareTicket: true, menus: ['shareAppMessage', 'shareTimeline'] });
}

/**
 * The CloudID of the group chat the page was opened from (a project card shared there), or undefined when it was
 * not opened from a group or the platform does not say. Only a cloud function can read what it stands for.
 */
export function groupEnterCloudId(): Promise<string | undefined> {
  return new Promise((resolve) => {
    if (typeof wx.getGroupEnterInfo !== 'function') return resolve(undefined);
    wx.getGroupEnterInfo({
      success: (res) => resolve((res as { cloudID?: string }).cloudID || undefined),
      fail: () => resolve(undefined),
    });
  });
}

/** Full-screen image viewer, where a long press saves the picture (a poster to print or post). */
export function previewImage(url: string): void {
  wx.previewImage({ urls: [url], current: url, fail: () => undefined });
}

/** WeChat's own map with navigation to the place (GCJ-02 coordinates). */
export function openLocation(place: Coordinates & { name?: string; address?: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    wx.openLocation({ ...place, scale: 16, success: () => resolve(), fail: (err) => reject(toPlatformError(err)) });
  });
}

/**
 * WeChat's dialer with the number filled in (wx.makePhoneCall): resolves once the dialer opened, rejects when the
 * person closed it or the platform refused. The number is passed on, never kept.
 */
export function makePhoneCall(phoneNumber: string): Promise<void> {
  return new Promise((resolve, reject) => {
    wx.makePhoneCall({ phoneNumber, success: () => resolve(), fail: (err) => reject(toPlatformError(err)) });
  });
}

// ── Screen ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** 0–1; undefined where the platform does not tell (DevTools, some desktops). */
export function getScreenBrightness(): Promise<number | undefined> {
  return new Promise((resolve) => {
    wx.getScreenBrightness({ success: (res) => resolve(res.value), fail: () => resolve(undefined) });
  });
}

/** Best effort: a phone that refuses keeps its brightness, and the page still works. */
export function setScreenBrightness(value: number): Promise<void> {
  return new Promise((resolve) => {
    wx.setScreenBrightness({ value, success: () => resolve(), fail: () => resolve() });
  });
}

export function setKeepScreenOn(keepScreenOn: boolean): void {
  wx.setKeepScreenOn({ keepScreenOn, fail: () => undefined });
}

// ── Files and clipboard ─────────────────────────────────────────────────────────────────────────────────────────

/** Downloads to a temporary file; resolves with its path. */
export function downloadFile(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.downloadFile({
      url,
      success: (res) =>
        res.statusCode === 200 ? resolve(res.tempFilePath) : reject({ errMsg: `downloadFile: status ${res.statusCode}` }),
      fail: (err) => reject(toPlatformError(err)),
    });
  });
}

/** The file types openDocument can show. */
export type DocumentType = 'doc' | 'docx' | 'xls' | 'xlsx' | 'ppt' | 'pptx' | 'pdf';

export function openDocument(filePath: string, fileType: DocumentType): Promise<void> {
  return new Promise((resolve, reject) => {
    wx.openDocument({ filePath, fileType, showMenu: true, success: () => resolve(), fail: (err) => reject(toPlatformError(err)) });
  });
}

/** Sends a downloaded file to a chat the person picks (wx.shareFileMessage, base library 2.16.1+). */
export function shareFileMessage(filePath: string, fileName: string): Promise<void> {
  return new Promise((resolve, reject) => {
    wx.shareFileMessage({ filePath, fileName, success: () => resolve(), fail: (err) => reject(toPlatformError(err)) });
  });
}

export function setClipboardData(data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    wx.setClipboardData({ data, success: () => resolve(), fail: (err) => reject(toPlatformError(err)) });
  });
}

/** The page's title in the navigation bar, when one page serves several purposes. */
export function setPageTitle(title: string): void {
  wx.setNavigationBarTitle({ title, fail: () => undefined });
}

/** Scrolls the page so the node `selector` names is at the top (a message's link to one item of a list). */
export function pageScrollTo(selector: string): void {
  wx.pageScrollTo({ selector, duration: 300, fail: () => undefined });
}

export function stopPullDownRefresh(): void {
  wx.stopPullDownRefresh({ fail: () => undefined });
}

// ── Scanning ────────────────────────────────────────────────────────────────────────────────────────────────────

/** Opens the camera for a QR code; resolves with its text, rejects (errMsg "scanCode:fail cancel") when closed. */
export function scanQrCode(): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.scanCode({
      onlyFromCamera: true,
      scanType: ['qrCode'],
      success: (res) => resolve(res.result),
      fail: (err) => reject(toPlatformError(err)),
    });
  });
}

/**
 * Opens the camera for a certificate's code: the plain-URL QR or the verify page's mini-program code, whose `path`
 * (routes.verify with `?scene=…`) WeChat answers when it belongs to this mini-program. Rejects when closed.
 */
export function scanCertificateCode(): Promise<{ result: string; path?: string }> {
  return new Promise((resolve, reject) => {
    wx.scanCode({
      scanType: ['qrCode', 'wxCode'],
      success: (res) => resolve({ result: res.result, ...(res.path ? { path: res.path } : {}) }),
      fail: (err) => reject(toPlatformError(err)),
    });
  });
}

// ── Confirmation ────────────────────────────────────────────────────────────────────────────────────────────────

export interface ConfirmRequest {
  title: string;
  content: string;
  /** At most 4 Chinese characters (WeChat cuts longer labels). */
  confirmText: string;
  /** Destructive steps show their confirm label in the danger colour. */
  destructive?: boolean;
}

/** Resolves true only when the person tapped the confirm label; cancel, a tap outside or a failure is false. */
export function confirm(request: ConfirmRequest): Promise<boolean> {
  return new Promise((resolve) => {
    wx.showModal({
      title: request.title,
      content: request.content,
      confirmText: request.confirmText,
      cancelText: '取消',
      ...(request.destructive ? { confirmColor: '#C4301F' } : {}),
      success: (res) => resolve(res.confirm === true),
      fail: () => resolve(false),
    });
  });
}

// ── Photos (evidence for 申诉找回 and USCC claims) ─────────────────────────────────────────────────────────────────────────────────

/** Up to `count` photos from the album or camera, compressed by WeChat; resolves [] when the person cancels. */
export function choosePhotos(count: number): Promise<string[]> {
  return new Promise((resolve) => {
    wx.chooseMedia({
      count,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      sizeType: ['compressed'],
      success: (res) => resolve(res.tempFiles.map((f) => f.tempFilePath)),
      fail: () => resolve([]),
    });
  });
}

/** A smaller copy of a local photo (quality 0–100, at most `width` px wide); the original path on failure. */
export function compressPhoto(path: string, quality: number, width: number): Promise<string> {
  return new Promise((resolve) => {
    wx.compressImage({
      src: path,
      quality,
      compressedWidth: width,
      success: (res) => resolve(res.tempFilePath),
      fail: () => resolve(path),
    });
  });
}

/** A local file as base64. */
export function readFileBase64(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.getFileSystemManager().readFile({
      filePath: path,
      encoding: 'base64',
      success: (res) => resolve(String(res.data)),
      fail: (err) => reject(toPlatformError(err)),
    });
  });
}

/** A notice with one button (wx.showModal without cancel); resolves when it is closed. */
export function notice(title: string, content: string): Promise<void> {
  return new Promise((resolve) => {
    wx.showModal({ title, content, showCancel: false, confirmText: '知道了', success: () => resolve(), fail: () => resolve() });
  });
}

/**
 * Up to `count` photos from the album or camera, compressed and read as base64 for a function call (the storage
 * bucket is private, so the function stores them). Compression keeps a licence photo readable and the request
 * within CloudBase's 100 KB text body: quality 40 at 1000 px wide is 30–60 KB for a document photo.
 */
export function choosePhotosAsBase64(count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    wx.chooseMedia({
      count,
      mediaType: ['image'],
      sizeType: ['compressed'],
      success: (res) => {
        Promise.all(res.tempFiles.map((f) => compressAndRead(f.tempFilePath))).then(resolve, reject);
      },
      fail: (err) => reject(toPlatformError(err)),
    });
  });
}

/** Full-screen view of photos (the reviewer's evidence links). */
export function previewImages(urls: string[], current: string): void {
  wx.previewImage({ urls, current, fail: () => undefined });
}

async function compressAndRead(path: string): Promise<string> {
  return readFileBase64(await compressPhoto(path, 40, 1000));
}

/**
 * One cover photo from the album or camera, compressed and read as base64 for project.uploadCover (storage is private,
 * so the function stores it); undefined when the person cancels. Quality 40 at 750 px wide, a phone screen's width,
 * keeps most photos under the 70 KB a function's request allows.
 */
export function chooseCoverAsBase64(): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    wx.chooseMedia({
      count: 1,
      mediaType: ['image'],
      sizeType: ['compressed'],
      success: (res) => {
        const path = res.tempFiles[0]?.tempFilePath;
        if (!path) return resolve(undefined);
        compressPhoto(path, 40, 750).then(readFileBase64).then(resolve, reject);
      },
      fail: () => resolve(undefined),
    });
  });
}

/**
 * One seal image from the album, as it is (sizeType original: WeChat's compression re-encodes a PNG as a JPEG and
 * drops its transparency), read as base64 for certificate.uploadSeal; undefined when the person cancels.
 */
export function chooseSealAsBase64(): Promise<{ path: string; base64: string } | undefined> {
  return new Promise((resolve, reject) => {
    wx.chooseMedia({
      count: 1,
      mediaType: ['image'],
      sourceType: ['album'],
      sizeType: ['original'],
      success: (res) => {
        const path = res.tempFiles[0]?.tempFilePath;
        if (!path) return resolve(undefined);
        readFileBase64(path).then((base64) => resolve({ path, base64 }), reject);
      },
      fail: () => resolve(undefined),
    });
  });
}

// ── Calendar ────────────────────────────────────────────────────────────────────────────────────────────────────

export interface CalendarEvent {
  title: string;
  /** Unix time in seconds. */
  startTime: number;
  endTime: number;
  location: string;
  description: string;
}

/**
 * Adds an event to the phone's calendar (asks for scope.addPhoneCalendar the first time; WeChat allows it only from a
 * tap). The official typings give endTime as a string, but the API takes seconds as a number like startTime
 * (开放文档 wx.addPhoneCalendar: "endTime number 结束时间的 unix 时间戳"). Resolves false when refused or cancelled.
 */
export function addPhoneCalendar(event: CalendarEvent): Promise<boolean> {
  return new Promise((resolve) => {
    const add = wx.addPhoneCalendar as unknown as (option: CalendarEvent & { alarm: boolean; alarmOffset: number; success: () => void; fail: () => void }) => void;
    // Reminded an hour before: time to get there.
    add({ ...event, alarm: true, alarmOffset: 3600, success: () => resolve(true), fail: () => resolve(false) });
  });
}

// ── Network ─────────────────────────────────────────────────────────────────────────────────────────────────────

export type NetworkListener = (status: { isConnected: boolean }) => void;

/** Told when the phone's connection comes and goes (offline check-in scans sync when it returns). */
export function onNetworkStatusChange(listener: NetworkListener): void {
  wx.onNetworkStatusChange(listener);
}

export function offNetworkStatusChange(listener: NetworkListener): void {
  wx.offNetworkStatusChange(listener as unknown as WechatMiniprogram.OffNetworkStatusChangeCallback);
}

// ── Canvas 2D images (the card saved as a picture) ──────────────────────────────────────────────────────────────

/** A <canvas type="2d"> node of a page, found with a selector query scoped to the component. */
export interface CanvasNode {
  width: number;
  height: number;
  getContext(type: '2d'): unknown;
  createImage(): { src: string; onload: (() => void) | null; onerror: ((e: unknown) => void) | null };
}

export function canvasNode(component: WechatMiniprogram.Component.TrivialInstance, selector: string): Promise<CanvasNode> {
  return new Promise((resolve, reject) => {
    wx.createSelectorQuery()
      .in(component)
      .select(selector)
      .fields({ node: true, size: true })
      .exec((res: Array<{ node?: CanvasNode } | null>) => {
        const node = res[0]?.node;
        if (node) resolve(node);
        else reject(toPlatformError({ errMsg: `canvas ${selector} not found` }));
      });
  });
}

/** Text written to a file of the mini-program's own folder (a file to forward with shareFileMessage); answers its path. */
export function writeTextFile(name: string, text: string): Promise<string> {
  const path = `${wx.env.USER_DATA_PATH.replace(/\/$/, '')}/${name}`;
  return new Promise((resolve, reject) => {
    wx.getFileSystemManager().writeFile({ filePath: path, data: text, encoding: 'utf8', success: () => resolve(path), fail: (err) => reject(toPlatformError(err)) });
  });
}

/**
 * A data URL written to a file of the mini-program's own folder, for Canvas.createImage: Canvas 2D images load from
 * paths and URLs; base64 `src` is not documented for it, so the image never depends on it.
 */
export function writeDataUrlFile(name: string, dataUrl: string): Promise<string> {
  // wxfile://usr on the phone; tools may give it with a trailing slash.
  const path = `${wx.env.USER_DATA_PATH.replace(/\/$/, '')}/${name}`;
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  return new Promise((resolve, reject) => {
    wx.getFileSystemManager().writeFile({
      filePath: path,
      data: base64,
      encoding: 'base64',
      success: () => resolve(path),
      fail: (err) => reject(toPlatformError(err)),
    });
  });
}

export function loadCanvasImage(canvas: CanvasNode, src: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const image = canvas.createImage();
    image.onload = () => resolve(image);
    image.onerror = (e) => reject(toPlatformError(e));
    image.src = src;
  });
}

/** The canvas as a PNG in a temporary file. */
export function canvasToTempFile(canvas: CanvasNode): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.canvasToTempFilePath({
      canvas: canvas as never,
      fileType: 'png',
      success: (res) => resolve(res.tempFilePath),
      fail: (err) => reject(toPlatformError(err)),
    });
  });
}

/** 'saved', 'cancelled', or 'denied' when the album permission was refused before (only the settings page can grant it then). */
export type AlbumSaveOutcome = 'saved' | 'cancelled' | 'denied' | 'failed';

export function saveImageToPhotosAlbum(filePath: string): Promise<AlbumSaveOutcome> {
  return new Promise((resolve) => {
    wx.saveImageToPhotosAlbum({
      filePath,
      success: () => resolve('saved'),
      fail: (err) => {
        const message = toPlatformError(err).errMsg;
        // "saveImageToPhotosAlbum:fail auth deny" / "authorize no response" after an earlier refusal; "cancel" when closed.
        if (/auth|authorize|privacy/i.test(message)) resolve('denied');
        else if (/cancel/i.test(message)) resolve('cancelled');
        else resolve('failed');
      },
    });
  });
}

/** Opens the settings page; resolves with whether the album may be written to after the person comes back. */
export function openAlbumSetting(): Promise<boolean> {
  return new Promise((resolve) => {
    wx.openSetting({
      success: (res) => resolve(res.authSetting['scope.writePhotosAlbum'] === true),
      fail: () => resolve(false),
    });
  });
}

/** WeChat's own sheet for an image: send to a friend, save, favourite. Resolves false when closed without a choice. */
export function showShareImageMenu(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    wx.showShareImageMenu({ path, success: () => resolve(true), fail: () => resolve(false) });
  });
}


// ── Subscribe messages and the tab badge (notifications) ───────────────────────────────────────────────────────

/**
 * wx.requestSubscribeMessage's outcome: each template id's answer ('accept' | 'reject' | 'ban' | 'filter'), or the
 * failure (errCode 20004: the person turned off 接收订阅消息 altogether; no popup and no answers then).
 */
export type SubscribePromptOutcome = { ok: true; answers: Record<string, string> } | { ok: false; errCode?: number; errMsg: string };

/**
 * Shows WeChat's subscription popup for these template ids. WeChat shows it only when called from a tap's handler
 * before any await (base library ≥ 2.8.2: "用户发生点击行为或者发起支付回调后，才可以调起订阅消息界面"); the Promise
 * executor runs at once, so calling this first thing in a tap handler keeps the call inside the tap. With 总是保持以上选择
 * ticked earlier, WeChat answers without a popup. Never rejects.
 */
export function requestSubscribeMessage(tmplIds: string[]): Promise<SubscribePromptOutcome> {
  return new Promise((resolve) => {
    try {
      wx.requestSubscribeMessage({
        tmplIds,
        success: (res) => {
          // The answer is keyed by template id beside errMsg (miniprogram-api-typings RequestSubscribeMessageSuccessCallbackResult).
          const answers: Record<string, string> = {};
          for (const [key, value] of Object.entries(res as Record<string, unknown>)) if (key !== 'errMsg' && typeof value === 'string') answers[key] = value;
          resolve({ ok: true, answers });
        },
        fail: (err) => resolve({ ok: false, ...toPlatformError(err) }),
      });
    } catch (err) {
      resolve({ ok: false, ...toPlatformError(err) }); // base library < 2.4.4
    }
  });
}

/** The red number on a tab (index in app.json tabBar.list); '' removes it. Fails quietly off a tab page's stack. */
export function setTabBadge(index: number, text: string): void {
  if (text) wx.setTabBarBadge({ index, text, fail: () => undefined });
  else wx.removeTabBarBadge({ index, fail: () => undefined });
}
