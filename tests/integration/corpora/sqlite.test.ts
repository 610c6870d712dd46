/** The corpus matrix on sqlite: see round-trip.ts and out-of-scope.ts. */
import { corpusMatrix } from "./round-trip.js";

corpusMatrix("sqlite");
