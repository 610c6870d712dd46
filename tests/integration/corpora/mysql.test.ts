/** The corpus matrix on mysql: see round-trip.ts and out-of-scope.ts. */
import { corpusMatrix } from "./round-trip.js";

corpusMatrix("mysql");
