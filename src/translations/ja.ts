// Japanese words of <stripe-save-card>. Importing this module registers them (`import 'stripe-save-card/translations/ja'`);
// the script tag dist/translations/ja.min.js does the same on a page using dist/stripe-save-card.min.js.
import { registerTranslation, type Translation } from '../element/language.js';
import type { PaymentTranslation } from '../payment/en.js';

export const ja: Translation & PaymentTranslation = {
  loading: '支払いフォームを読み込んでいます…',
  loadFailed: '支払いフォームを読み込めませんでした。接続を確認して、もう一度お試しください。',
  retry: '再試行',
  pay: (amount) => (amount ? `${amount} を支払う` : '支払う'),
  saveCard: 'カードを保存',
  saveToggle: '今後の支払いのためにこのカードを保存する',
  disclosure: (business) => `カードを保存すると、${business || '当社'}が${business ? '同社' : '当社'}の規約に従って今後の支払いでこのカードに請求することを許可したことになります。`,
  cardDetails: 'カード情報',
  payWith: '支払いに使うカード',
  newCard: '新しいカードを使用',
  savedCard: (brand, last4, expires, added) => `${brand || 'カード'}（末尾 ${last4}、有効期限 ${expires}${added ? `、${added}に追加` : ''}）`,
  processing: '支払いを処理しています…',
  saving: 'カードを保存しています…',
  bank: '銀行の応答を待っています…',
  succeeded: '支払いが完了しました。',
  cardSaved: 'カードが保存されました。',
  tryAnother: '別のカードを試す',
  enterCard: 'カード情報を入力してください。',
  incomplete: 'カード情報が不完全です。',
  declined: 'カードが拒否されました。',
  authFailed: 'カードを認証できませんでした。',
  unreachable: 'Stripe に接続できませんでした。接続を確認して、もう一度お試しください。',
  failed: '問題が発生しました。しばらくしてからもう一度お試しください。',
  // <stripe-save-payment> only (src/payment/en.ts)
  saveDetailsToggle: '今後の購入のために支払い情報を保存する',
  saveDetails: '支払い情報を保存',
  savingDetails: '支払い情報を保存しています…',
  detailsSaved: '支払い情報が保存されました。',
  detailsDisclosure: (business) => `支払い情報を保存すると、${business || '当社'}が${business ? '同社' : '当社'}の規約に従って今後の支払いでこの情報に請求することを許可したことになります。`,
  paymentDetails: '支払い情報',
  paymentPending: '支払いを受け付けました。銀行で処理中です。',
  paymentFailed: '支払いが完了しませんでした。もう一度お試しいただくか、別の決済手段をお選びください。',
};

registerTranslation('ja', ja);
