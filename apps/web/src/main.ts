import { mountApp } from './app/mount-app.js';
import './styles.css';

const root = document.getElementById('app')!;
try {
  mountApp(root);
} catch (error) {
  // Never a blank page: say what went wrong where the page would be.
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.dataset.testid = 'error';
  message.textContent = `segmetrics could not start in this browser: ${error instanceof Error ? error.message : String(error)}`;
  root.replaceChildren(message);
  throw error;
}
