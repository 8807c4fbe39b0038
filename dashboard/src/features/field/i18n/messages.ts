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
  outbox: {
    nav: '待发送',
    navTitle: '待发送 {n} 条，被退回 {refused} 条',
    title: '待发送',
    intro: '没有信号时提交的隐患、整改和现场检查先存在这部手机上，联网后按提交顺序自动发送，每条只发送一次。',
    queued: '「{title}」已保存在手机上，联网后自动发送。',
    empty: '没有待发送的内容，全部已送达。',
    waiting: '等待发送（{n} 条）',
    refused: '被服务器退回（{n} 条）：请修改后重新提交，或删除',
    refusedBy: '退回原因：{error}',
    made: '提交于 {at}',
    photos: '{n} 张照片',
    kind: {
      fileHazard: '上报隐患',
      submitRectification: '提交整改',
      recordInspection: '现场检查',
      recordCheck: '风险管控检查',
    },
    retry: '重新发送',
    correct: '修改',
    correcting: '这是一条被服务器退回的记录：按退回原因修改后重新提交，或删除。',
    discard: '删除',
    confirmDiscard: '删除后这条记录不会再发送，确定删除吗？',
    sendNow: '立即发送',
    sending: '发送中…',
    savedOffline: '没有网络：已保存在手机上，联网后自动发送。',
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
  outbox: {
    nav: 'Outbox',
    navTitle: '{n} waiting to be sent, {refused} refused',
    title: 'Outbox',
    intro:
      'Hazards, rectifications and inspections submitted with no signal wait on this phone and are sent in order, each exactly once, when the network returns.',
    queued: '“{title}” is saved on the phone and will be sent when the network returns.',
    empty: 'Nothing waiting: everything has been sent.',
    waiting: 'Waiting to be sent ({n})',
    refused: 'Refused by the server ({n}): correct and submit again, or discard',
    refusedBy: 'Refused: {error}',
    made: 'Submitted {at}',
    photos: '{n} photos',
    kind: {
      fileHazard: 'Hazard filing',
      submitRectification: 'Rectification report',
      recordInspection: 'On-site inspection',
      recordCheck: 'Risk control check',
    },
    retry: 'Send again',
    correct: 'Correct',
    correcting: 'The server refused this entry: correct it as the message says and submit again, or discard it.',
    discard: 'Discard',
    confirmDiscard: 'A discarded entry is never sent. Discard it?',
    sendNow: 'Send now',
    sending: 'Sending…',
    savedOffline: 'No network: saved on the phone, to be sent when the network returns.',
  },
};

export const fieldMessages = { 'zh-CN': zhCN, en };
