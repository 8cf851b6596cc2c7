package io.switchboard.cache;

/**
 * One prompt the semantic cache embedded: the scope a match must share (hash of tenant, namespace,
 * model group and parameters), the exact answer's key, the prompt's vector, and the answer itself.
 * Tenant, namespace and model group are there for stores that keep them readable for operators.
 */
record SemanticEntry(String scope, String answerKey, float[] vector, CacheScope tenancy, String modelGroup,
                     byte[] answer) {
}
