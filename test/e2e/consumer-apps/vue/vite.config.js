import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// As the README says: tell Vue the package's tags are custom elements.
export default defineConfig({
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('stripe-save-') } } })],
  logLevel: 'warn',
});
