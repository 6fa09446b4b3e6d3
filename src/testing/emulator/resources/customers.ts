// Customers: create (optionally with a payment_method to attach), retrieve, update, list, delete.
import type Stripe from 'stripe';
import type { Context } from '../context.js';
import { resourceMissing } from '../errors.js';
import { newId, randomAlnum } from '../ids.js';
import { page } from '../list.js';
import { mergeMetadata, type Params } from '../params.js';
import type { Route } from '../router.js';
import { emptyAddress } from './objects.js';
import { assertUsable, attachPaymentMethod, resolvePaymentMethod } from './payment-methods.js';

export function requireCustomer(ctx: Context, id: string, param = 'id'): Stripe.Customer {
  const customer = ctx.state.customers.get(id);
  if (!customer) throw resourceMissing('customer', id, param);
  return customer;
}

export function deletedCustomer(id: string): Stripe.DeletedCustomer {
  return { id, object: 'customer', deleted: true };
}

interface CustomerFields {
  email?: string;
  name?: string;
  description?: string;
  phone?: string;
  metadata?: ReturnType<Params['metadata']>;
  defaultPaymentMethod?: string;
  address?: Stripe.Address;
}

function readFields(params: Params): CustomerFields {
  const fields: CustomerFields = {
    email: params.str('email', { max: 512 }),
    name: params.str('name', { max: 256 }),
    description: params.str('description', { max: 350 }),
    phone: params.str('phone', { max: 20 }),
    metadata: params.metadata('metadata'),
    defaultPaymentMethod: params.obj('invoice_settings')?.str('default_payment_method'),
  };
  const address = params.obj('address');
  if (address) {
    fields.address = emptyAddress();
    for (const key of ['city', 'country', 'line1', 'line2', 'postal_code', 'state'] as const) fields.address[key] = address.str(key, { max: 200 }) ?? null;
  }
  params.ignore('preferred_locales', 'shipping', 'tax_exempt', 'source');
  return fields;
}

function applyFields(customer: Stripe.Customer, fields: CustomerFields): void {
  if (fields.email !== undefined) customer.email = fields.email;
  if (fields.name !== undefined) customer.name = fields.name;
  if (fields.description !== undefined) customer.description = fields.description;
  if (fields.phone !== undefined) customer.phone = fields.phone;
  if (fields.address) customer.address = fields.address;
  customer.metadata = mergeMetadata(customer.metadata, fields.metadata);
  if (fields.defaultPaymentMethod !== undefined) customer.invoice_settings.default_payment_method = fields.defaultPaymentMethod;
}

/** Creates and stores a customer (emits customer.created). Used by the route and by Checkout's customer_creation. */
export function createCustomer(ctx: Context, fields: CustomerFields): Stripe.Customer {
  const customer = {
    id: newId('customer'),
    object: 'customer',
    address: null,
    balance: 0,
    created: ctx.now(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: null,
    discount: null,
    email: null,
    invoice_prefix: randomAlnum(7).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: {},
    name: null,
    next_invoice_sequence: 1,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  } as unknown as Stripe.Customer;
  applyFields(customer, fields);
  ctx.state.customers.set(customer.id, customer);
  ctx.emit('customer.created', customer);
  return customer;
}

export const customerRoutes: Route[] = [
  {
    method: 'POST', pattern: '/v1/customers', access: 'secret', expand: ['invoice_settings.default_payment_method'],
    handle: ({ ctx, params }) => {
      const fields = readFields(params);
      const paymentMethodId = params.str('payment_method');
      params.done();
      const paymentMethod = paymentMethodId ? resolvePaymentMethod(ctx, paymentMethodId) : undefined;
      if (paymentMethod) assertUsable(paymentMethod, null);
      const customer = createCustomer(ctx, fields);
      if (paymentMethod) {
        try {
          attachPaymentMethod(ctx, paymentMethod, customer.id);
        } catch (error) {
          // Stripe creates nothing when the card can't be attached.
          ctx.state.customers.delete(customer.id);
          throw error;
        }
      }
      return customer;
    },
  },
  {
    method: 'GET', pattern: '/v1/customers/:id', access: 'secret', expand: ['invoice_settings.default_payment_method'],
    handle: ({ ctx, params, path }) => {
      params.done();
      // A deleted customer still retrieves, as a stub; every other use of it is a 404.
      if (ctx.state.deletedCustomers.has(path.id!)) return deletedCustomer(path.id!);
      return requireCustomer(ctx, path.id!);
    },
  },
  {
    method: 'POST', pattern: '/v1/customers/:id', access: 'secret', expand: ['invoice_settings.default_payment_method'],
    handle: ({ ctx, params, path }) => {
      const fields = readFields(params);
      params.done();
      const customer = requireCustomer(ctx, path.id!);
      applyFields(customer, fields);
      ctx.emit('customer.updated', customer);
      return customer;
    },
  },
  {
    method: 'DELETE', pattern: '/v1/customers/:id', access: 'secret',
    handle: ({ ctx, params, path }) => {
      params.done();
      const customer = requireCustomer(ctx, path.id!);
      // Stripe detaches a deleted customer's payment methods for good.
      const attached = [...ctx.state.paymentMethods.listing('customer', customer.id).newestFirst()!];
      for (const { object } of attached) {
        const record = ctx.state.paymentMethods.get(object.id)!;
        record.object.customer = null;
        record.spent = true;
      }
      ctx.state.customers.delete(customer.id);
      ctx.state.deletedCustomers.add(customer.id);
      ctx.emit('customer.deleted', customer);
      return deletedCustomer(customer.id);
    },
  },
  {
    method: 'GET', pattern: '/v1/customers', access: 'secret', expand: ['data.invoice_settings.default_payment_method'],
    handle: ({ ctx, params }) => {
      const email = params.str('email');
      params.ignore('created', 'test_clock');
      const listing = email === undefined ? ctx.state.customers.listing() : ctx.state.customers.listing('email', email);
      const list = page(listing, params, '/v1/customers', (c) => c);
      params.done();
      return list;
    },
  },
];
