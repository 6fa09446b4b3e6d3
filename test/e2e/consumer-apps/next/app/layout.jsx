// Rendered per request: the page head gets the emulator's fake Stripe.js, as a merchant's layout puts Stripe's there.
export const dynamic = 'force-dynamic';

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <head>
        <title>next consumer</title>
        <script src={`${process.env.SSC_EMULATOR_URL}/v3/`}></script>
      </head>
      <body>{children}</body>
    </html>
  );
}
