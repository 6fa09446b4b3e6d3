// A merchant server that makes exactly the Stripe calls of Stripe's 2020 sample "saving card after payment"
// (stripe-samples/saving-card-after-payment, server/node, stripe-node ^7.1.0, no apiVersion: its requests carry no
// Stripe-Version and get the account's). Same routes, same params, same status handling; plain node:http instead of
// express, and the SDK pointed at the emulator: the only change a developer makes to try it offline.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/* eslint-disable @typescript-eslint/no-explicit-any -- stripe-node 7 ships no types; the sample is plain JS */
export interface SampleServer {
  url: string;
  /** What the sample logs (it console.logs; here we keep the lines to assert on). */
  logs: string[];
  /** Customers its webhook handler created (the using-webhooks flow saves the card there). */
  customers: any[];
  close(): Promise<void>;
}

const calculateOrderAmount = (_items: unknown) => 1400;

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return body;
}

/** without-webhooks/server/node: POST /pay creates (manual confirmation, confirm: true) or confirms the intent. */
async function pay(stripe: any, body: any): Promise<unknown> {
  const { paymentMethodId, paymentIntentId, items, currency, isSavingCard } = body;
  const orderAmount = calculateOrderAmount(items);
  try {
    let intent;
    if (!paymentIntentId) {
      const paymentIntentData: any = { amount: orderAmount, currency, payment_method: paymentMethodId, confirmation_method: 'manual', confirm: true };
      if (isSavingCard) {
        const customer = await stripe.customers.create();
        paymentIntentData.customer = customer.id;
        paymentIntentData.setup_future_usage = 'off_session';
      }
      intent = await stripe.paymentIntents.create(paymentIntentData);
    } else {
      intent = await stripe.paymentIntents.confirm(paymentIntentId);
    }
    return generateResponse(intent);
  } catch (e: any) {
    return { error: e.message };
  }
}

function generateResponse(intent: any): unknown {
  switch (intent.status) {
    case 'requires_action':
    case 'requires_source_action':
      return { requiresAction: true, paymentIntentId: intent.id, clientSecret: intent.client_secret };
    case 'requires_payment_method':
    case 'requires_source':
      return { error: 'Your card was denied, please provide a new payment method' };
    case 'succeeded':
      return { clientSecret: intent.client_secret };
  }
  return undefined;
}

export async function startSampleServer(stripe: any, webhookSecret: string): Promise<SampleServer> {
  const logs: string[] = [];
  const customers: any[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const send = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value ?? null));
      };
      if (req.url === '/pay') return send(200, await pay(stripe, JSON.parse(raw)));
      if (req.url === '/create-payment-intent') {
        // using-webhooks/server/node: amount and currency only; Stripe.js confirms on the page.
        const { items, currency } = JSON.parse(raw);
        const paymentIntent = await stripe.paymentIntents.create({ amount: calculateOrderAmount(items), currency });
        return send(200, { clientSecret: paymentIntent.client_secret, id: paymentIntent.id });
      }
      if (req.url === '/webhook') {
        let event;
        try {
          event = stripe.webhooks.constructEvent(raw, req.headers['stripe-signature'], webhookSecret);
        } catch {
          logs.push('⚠️  Webhook signature verification failed.');
          return send(400, {});
        }
        const data = event.data;
        if (event.type === 'payment_intent.succeeded') {
          if (data.object.setup_future_usage !== null) {
            customers.push(await stripe.customers.create({ payment_method: data.object.payment_method }));
          } else {
            logs.push('❗ Customer did not want to save the card. ');
          }
          logs.push('💰 Payment captured!');
        } else if (event.type === 'payment_intent.payment_failed') {
          logs.push('❌ Payment failed.');
        }
        return send(200, {});
      }
      return send(404, {});
    })().catch((error: unknown) => {
      logs.push(`server error: ${String(error)}`);
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    logs,
    customers,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
