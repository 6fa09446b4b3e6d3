import { CheckoutForm } from './CheckoutForm.jsx';

export const dynamic = 'force-dynamic';

export default function Page() {
  return <CheckoutForm cartId="cart-next" publishableKey={process.env.SSC_PUBLISHABLE_KEY} />;
}
