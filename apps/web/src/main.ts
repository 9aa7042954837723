import { mountApp } from './app/mount-app.js';
import './styles.css';

mountApp(document.getElementById('app')!);
