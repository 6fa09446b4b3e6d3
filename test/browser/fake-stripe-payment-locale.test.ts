// The fake Payment Element speaks the group's `locale` (or Stripe()'s), as Stripe.js does: tab names, field labels,
// country names, and the validation messages elements.submit() returns and the frame shows under the field.
import { expect } from '@open-wc/testing';
import { setupEmulator, type EmulatorSetup } from './helpers/emulator.js';
import { chooseType, paymentFrame, typeField } from './helpers/payment-element.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

describe('fake Stripe.js: the Payment Element in the shopper\'s language', function () {
  this.timeout(30000);
  let env: EmulatorSetup;
  let mount: HTMLDivElement;

  beforeEach(async () => {
    env = await setupEmulator({ emulator: { paymentMethodTypes: ['card', 'ideal', 'sepa_debit'] } });
    mount = document.createElement('div');
    mount.style.width = '460px';
    document.body.append(mount);
  });

  afterEach(() => {
    mount.remove();
    env.teardown();
  });

  async function mountPayment(stripeOptions: Any, elementsOptions: Any): Promise<{ elements: Any; frame: HTMLIFrameElement }> {
    const elements = (window as Any).Stripe(env.publishableKey, stripeOptions).elements({ mode: 'payment', amount: 1000, currency: 'eur', ...elementsOptions });
    elements.create('payment').mount(mount);
    return { elements, frame: await paymentFrame(mount) };
  }

  /** What the shopper reads: the visible text of the frame's labels, tabs and error lines. */
  const texts = (frame: HTMLIFrameElement, selector: string): string[] =>
    [...frame.contentDocument!.querySelectorAll<HTMLElement>(selector)].filter((node) => node.offsetParent !== null || node.getClientRects().length > 0)
      .map((node) => node.textContent!.trim()).filter(Boolean);

  it('with locale de: German tabs and labels, and elements.submit() answers and shows German validation text', async () => {
    const { elements, frame } = await mountPayment(undefined, { locale: 'de' });
    expect(frame.contentDocument!.documentElement.lang).to.equal('de');
    expect(texts(frame, '[role="tab"]')).to.deep.equal(['Karte', 'iDEAL', 'SEPA-Lastschrift']);
    expect(texts(frame, '.p-FieldLabel')).to.deep.equal(['Kartennummer', 'Ablaufdatum', 'Sicherheitscode', 'Land', 'Postleitzahl']);
    expect(frame.contentDocument!.querySelector<HTMLSelectElement>('[name="country"]')!.selectedOptions[0]!.textContent).to.equal('Vereinigte Staaten');

    const empty = await elements.submit();
    expect(empty.error).to.include({ type: 'validation_error', message: 'Ihre Kartennummer ist unvollständig.' });
    expect(texts(frame, '.p-FieldError')).to.deep.equal(['Ihre Kartennummer ist unvollständig.']);

    await chooseType(frame, 'sepa_debit');
    expect(texts(frame, '.p-FieldLabel')).to.deep.equal(['Vollständiger Name', 'E-Mail', 'IBAN']);
    const unnamed = await elements.submit();
    expect(unnamed.error.message).to.equal('Dieses Feld ist unvollständig.');
    expect(texts(frame, '.p-FieldError')).to.deep.equal(['Dieses Feld ist unvollständig.']);
    await typeField(frame, 'name', 'Jenny Rosen');
    await typeField(frame, 'email', 'jenny@example.com');
    await typeField(frame, 'iban', 'DE89370400440532013001');
    const badIban = await elements.submit();
    expect(badIban.error).to.include({ code: 'invalid_iban', message: 'Ihre IBAN ist ungültig.' });
    expect(texts(frame, '.p-FieldError')).to.deep.equal(['Ihre IBAN ist ungültig.']);

    await chooseType(frame, 'ideal');
    expect(texts(frame, '#redirect-notice')[0]).to.match(/^Nach dem Absenden werden Sie weitergeleitet/);
    expect(frame.contentDocument!.querySelector<HTMLSelectElement>('[name="bank"]')!.selectedOptions[0]!.textContent).to.equal('Bank auswählen');
  });

  it('takes Stripe()\'s locale when the group has none (French), and stays in Stripe\'s English without one', async () => {
    const { elements, frame } = await mountPayment({ locale: 'fr-FR' }, {});
    expect(texts(frame, '[role="tab"]')).to.deep.equal(['Carte', 'iDEAL', 'Prélèvement SEPA']);
    expect((await elements.submit()).error.message).to.equal('Votre numéro de carte est incomplet.');
    mount.replaceChildren();
    const english = await mountPayment({ locale: 'en' }, {});
    expect(texts(english.frame, '[role="tab"]')).to.deep.equal(['Card', 'iDEAL', 'SEPA Debit']);
    expect(texts(english.frame, '.p-FieldLabel')[0]).to.equal('Card number');
    expect((await english.elements.submit()).error.message).to.equal('Your card number is incomplete.');
  });
});
