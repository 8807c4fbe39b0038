/**
 * The field app's texts (掌上好好检查: install, update, outbox), Chinese first. Given to `useI18n` as a
 * local scope, like the reminder pages' messages.
 */
const zhCN = {
  pwa: {
    updateReady: '新版本已发布，更新后生效。',
    offlineReady: '已可离线使用：没有信号时也能打开，填写的内容先存在手机上。',
    update: '立即更新',
    dismiss: '知道了',
  },
};

type FieldMessages = typeof zhCN;

const en: FieldMessages = {
  pwa: {
    updateReady: 'A new version is available; it takes effect after updating.',
    offlineReady: 'Ready to work offline: the app opens with no signal and keeps what you enter on the phone.',
    update: 'Update now',
    dismiss: 'Dismiss',
  },
};

export const fieldMessages = { 'zh-CN': zhCN, en };
