/** Chains of small revisions, written straight to disk (as `revision` would, only faster). */
import { writeFiles } from "./project.mjs";
import { athanorRevision } from "./emit-athanor.mjs";
import { alembicRevision } from "./emit-sqlalchemy.mjs";

/** A deterministic 12-hex-digit revision id for link `i`. */
export function chainId(i) {
  return (0xa00000000000 + i * 7919).toString(16).padStart(12, "0");
}

function files(length, name, text) {
  const out = {};
  for (let i = 1; i <= length; i++) {
    const rev = chainId(i);
    out[`migrations/versions/${rev}_step_${String(i).padStart(5, "0")}.${name}`] = text(rev, i === 1 ? null : chainId(i - 1), `step ${i}`);
  }
  return out;
}

export function writeAthanorChain(dir, length) {
  writeFiles(dir, files(length, "ts", (rev, down, message) => athanorRevision(rev, down, message)));
}

export function writeAlembicChain(dir, length) {
  writeFiles(dir, files(length, "py", alembicRevision));
}
