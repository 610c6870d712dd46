/**
 * MusicBrainz (~515 tables in 10 schemas) on PostgreSQL, in a file of its own so that it runs
 * beside the other corpora: see round-trip.ts and out-of-scope.ts.
 */
import { corpusMatrix } from "./round-trip.js";

corpusMatrix("postgresql", true);
