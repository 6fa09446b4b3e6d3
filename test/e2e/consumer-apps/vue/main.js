import { createApp } from 'vue';
import Checkout from './Checkout.vue';

createApp(Checkout, { cartId: 'cart-vue' }).mount('#app');
