/** Placeholder: this family's models are being written. */
import { definePrograms } from '../model.js';

export default definePrograms([]);
