/** The corpus matrix on postgresql: see round-trip.ts and out-of-scope.ts. */
import { corpusMatrix } from "./round-trip.js";

corpusMatrix("postgresql");
