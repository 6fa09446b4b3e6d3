// The merchant's intent endpoint; here it hands the request to the test's backend (the stripe SDK on the emulator).
export async function POST(request) {
  const answer = await fetch(`${process.env.SSC_BACKEND_URL}/create-payment-intent`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: await request.text(),
  });
  return new Response(await answer.text(), { status: answer.status, headers: { 'content-type': 'application/json' } });
}
