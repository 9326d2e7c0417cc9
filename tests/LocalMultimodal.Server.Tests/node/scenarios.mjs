// Runs named async scenarios in order, printing one JSON line per scenario ({scenario, ok, result | error}),
// and exits non-zero when any of them fails.
export async function runScenarios(scenarios) {
  let failed = false;
  for (const [name, run] of Object.entries(scenarios)) {
    try {
      console.log(JSON.stringify({ scenario: name, ok: true, result: await run() }));
    } catch (error) {
      failed = true;
      console.log(JSON.stringify({ scenario: name, ok: false, error: String(error?.stack ?? error) }));
    }
  }
  process.exit(failed ? 1 : 0);
}
