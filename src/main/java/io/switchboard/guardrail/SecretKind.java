package io.switchboard.guardrail;

import java.util.regex.Pattern;

/**
 * Credentials the {@code hide-secrets} guardrail recognises by their published formats. Every pattern
 * has a fixed prefix and bounded repetition, so matching is linear in the prompt's length.
 */
enum SecretKind {
    PRIVATE_KEY("-----BEGIN (?:[A-Z0-9]{1,20} ){0,3}PRIVATE KEY(?: BLOCK)?-----(?:[A-Za-z0-9+/=\\s:,]{0,20000}+"
            + "-----END (?:[A-Z0-9]{1,20} ){0,3}PRIVATE KEY(?: BLOCK)?-----)?"),
    AWS_ACCESS_KEY("(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Z0-9])"),
    AWS_SECRET_KEY("(?i)aws_?secret_?(?:access_?)?key[\"'\\s]{0,3}[=:][\"'\\s]{0,3}[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])"),
    ANTHROPIC_KEY("(?<![\\w-])sk-ant-[A-Za-z0-9_-]{20,300}+"),
    OPENAI_KEY("(?<![\\w-])sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,300}+"),
    GITHUB_TOKEN("(?<!\\w)(?:gh[pousr]_[A-Za-z0-9]{36,255}+|github_pat_[A-Za-z0-9_]{22,255}+)"),
    SLACK_TOKEN("(?<!\\w)xox[abposr]-[A-Za-z0-9-]{10,250}+"),
    GOOGLE_API_KEY("(?<![\\w-])AIza[0-9A-Za-z_-]{35}(?![\\w-])"),
    STRIPE_KEY("(?<!\\w)(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,250}+"),
    JWT("(?<![\\w-])eyJ[A-Za-z0-9_-]{5,4000}+\\.eyJ[A-Za-z0-9_-]{5,8000}+\\.[A-Za-z0-9_-]{10,4000}+"),
    BEARER_TOKEN("(?i)(?<!\\w)bearer\\s{1,5}[A-Za-z0-9._~+/-]{20,4000}+=*+");

    final Pattern pattern;

    SecretKind(String regex) {
        this.pattern = Pattern.compile(regex);
    }

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
