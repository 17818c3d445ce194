// Preloaded into every timed process (node --require): records the peak resident set size (KB,
// worker threads included) in the file named by SXS_BENCH_RSS when the process exits.
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  if (process.env.SXS_BENCH_RSS) writeFileSync(process.env.SXS_BENCH_RSS, String(process.resourceUsage().maxRSS));
});
