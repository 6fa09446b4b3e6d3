// Recovery page: the element confirms the SAME off-session PaymentIntent on-session (3D Secure included);
// the order turns paid when the webhook says so.
import { SSC_EVENTS, pollOrder } from './common.js';

const config = JSON.parse(document.getElementById('recover-config').textContent);
const element = document.getElementById('recover');
const log = document.getElementById('recover-log');
const status = document.querySelector('[data-testid="order-status"]');

for (const name of SSC_EVENTS) {
  element.addEventListener(name, (event) => {
    log.textContent += `${name} ${JSON.stringify(event.detail)}\n`;
  });
}
element.addEventListener('ssc-succeeded', () => {
  status.textContent = 'Payment confirmed, waiting for the shop to record it…';
  void pollOrder(config.orderId, (order) => {
    status.replaceChildren('Order status: ', Object.assign(document.createElement('strong'), { textContent: order.status }));
    status.dataset.status = order.status;
    // The order is still "needs the customer" until the webhook of this payment arrives: wait for that.
  }, { settled: ['paid', 'failed'] });
});
if (!customElements.get('stripe-save-card')) status.textContent = 'The element is not built: run "npm run build".';
