// Run by `npm run test:e2e` before Playwright: without a browser, say in one line how to get one instead of
// failing deep inside the first browser test.
import { findBrowser } from "../e2e/find-browser";

const choice = findBrowser(process.env.CHROMIUM_PATH);
if ("problem" in choice) {
  console.error(choice.problem);
  process.exit(1);
}
