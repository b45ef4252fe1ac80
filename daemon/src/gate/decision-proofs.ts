/**
 * Decision proofs, one signature per commit (T1, protocol/daemon-proof.ts): the decisions a group
 * commit releases — to every connection — are signed together, over the Merkle root of their
 * `decisionProofText`s, and each goes out with its inclusion path. Each leaf names its
 * connection's nonce and its action's digest, so a path proves one decision to one connection
 * only. A single decision costs one signature, as before.
 *
 * A batch collects decisions while their commit is pending and is sealed — signed — when the first
 * of them is released; a decision added after that starts a new batch.
 */
import { decisionBatchText, leafHash, merkleTree, type DecisionProof } from '../protocol/index.js';
import { signCanonical, type SigningKey } from '../receipts/keys.js';

export interface DecisionProofs {
  /**
   * Add a decision's proof text to the open batch. Returns its proof, to be asked for once the
   * decision is released (after its commit): the first asked seals the batch.
   */
  add(text: string): () => DecisionProof;
}

export function createDecisionProofs(signingKey: SigningKey): DecisionProofs {
  let open: { leaves: Buffer[]; proofs?: DecisionProof[] } | undefined;
  const seal = (batch: { leaves: Buffer[]; proofs?: DecisionProof[] }): DecisionProof[] => {
    if (open === batch) open = undefined;
    const { root, paths } = merkleTree(batch.leaves);
    const size = batch.leaves.length;
    const sig = signCanonical(signingKey, decisionBatchText(size, root.toString('hex')));
    return paths.map((path, index) => ({ index, size, path, sig }));
  };
  return {
    add(text) {
      const batch = open ?? (open = { leaves: [] });
      const index = batch.leaves.push(leafHash(text)) - 1;
      return () => (batch.proofs ??= seal(batch))[index]!;
    },
  };
}
