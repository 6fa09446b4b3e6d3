// Arabic (right to left) words of <stripe-save-card>. Importing this module registers them (`import 'stripe-save-card/translations/ar'`);
// the script tag dist/translations/ar.min.js does the same on a page using dist/stripe-save-card.min.js.
import { registerTranslation, type Translation } from '../element/language.js';
import type { PaymentTranslation } from '../payment/en.js';

export const ar: Translation & PaymentTranslation = {
  loading: 'جارٍ تحميل نموذج الدفع…',
  loadFailed: 'تعذّر تحميل نموذج الدفع. تحقّق من اتصالك وحاول مرة أخرى.',
  retry: 'إعادة المحاولة',
  pay: (amount) => (amount ? `ادفع ${amount}` : 'ادفع'),
  saveCard: 'حفظ البطاقة',
  saveToggle: 'احفظ هذه البطاقة للمدفوعات المستقبلية',
  disclosure: (business) => (business
    ? `بحفظ بطاقتك، فإنك تسمح لـ ${business} بالخصم منها للمدفوعات المستقبلية وفقًا لشروطه.`
    : 'بحفظ بطاقتك، فإنك تسمح لنا بالخصم منها للمدفوعات المستقبلية وفقًا لشروطنا.'),
  cardDetails: 'بيانات البطاقة',
  payWith: 'الدفع باستخدام',
  newCard: 'استخدام بطاقة جديدة',
  savedCard: (brand, last4, expires, added) => `${brand || 'بطاقة'} تنتهي بالأرقام ${last4}، صالحة حتى ${expires}${added ? `، أضيفت ${added}` : ''}`,
  processing: 'جارٍ معالجة الدفع…',
  saving: 'جارٍ حفظ بطاقتك…',
  bank: 'في انتظار البنك…',
  succeeded: 'تمّ الدفع بنجاح.',
  cardSaved: 'تمّ حفظ بطاقتك.',
  tryAnother: 'جرّب بطاقة أخرى',
  enterCard: 'أدخل بيانات بطاقتك.',
  incomplete: 'بيانات بطاقتك غير مكتملة.',
  declined: 'تمّ رفض بطاقتك.',
  authFailed: 'تعذّرت مصادقة بطاقتك.',
  unreachable: 'تعذّر الوصول إلى Stripe. تحقّق من اتصالك وحاول مرة أخرى.',
  failed: 'حدث خطأ من جهتنا. يُرجى المحاولة لاحقًا.',
  // <stripe-save-payment> only (src/payment/en.ts)
  saveDetailsToggle: 'احفظ بيانات الدفع لعمليات الشراء المستقبلية',
  saveDetails: 'حفظ بيانات الدفع',
  savingDetails: 'جارٍ حفظ بيانات الدفع…',
  detailsSaved: 'تمّ حفظ بيانات الدفع.',
  detailsDisclosure: (business) => (business
    ? `بحفظ بيانات الدفع، فإنك تسمح لـ ${business} بالخصم منها للمدفوعات المستقبلية وفقًا لشروطه.`
    : 'بحفظ بيانات الدفع، فإنك تسمح لنا بالخصم منها للمدفوعات المستقبلية وفقًا لشروطنا.'),
  paymentDetails: 'بيانات الدفع',
  paymentPending: 'تمّ استلام الدفعة: يعالجها البنك الآن.',
  paymentFailed: 'لم تكتمل عملية الدفع. حاول مرة أخرى أو اختر طريقة دفع أخرى.',
};

registerTranslation('ar', ar);
