import { createRoot } from 'react-dom/client';
import { Checkout } from './Checkout.jsx';

createRoot(document.getElementById('app')).render(<Checkout cartId="cart-react" />);
