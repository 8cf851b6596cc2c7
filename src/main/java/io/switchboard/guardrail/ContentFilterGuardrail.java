package io.switchboard.guardrail;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code guardrail: litellm_content_filter} (LiteLLM's built-in content filter): banned words and
 * regular expressions, each with its action.
 * <pre>
 * blocked_words:
 *   - {keyword: "project falcon", action: BLOCK}
 * patterns:
 *   - {pattern_type: regex, name: employee_id, pattern: "EMP-[0-9]{6}", action: MASK}
 * </pre>
 * Words match case-insensitively on word boundaries. Operator regexes run on a {@link BoundedText}, so a
 * pattern that backtracks badly fails its check (fail-closed unless {@code unreachable_fallback: fail_open})
 * instead of holding a request thread.
 */
@ApplicationScoped
@Named("litellm_content_filter")
public class ContentFilterGuardrail implements Guardrail {
    private final Map<JsonNode, List<Rule>> compiled = new ConcurrentHashMap<>();

    record Rule(String name, Pattern pattern, Finding.Action action) {
    }

    @Override
    public void validate(JsonNode params) {
        rules(params);
    }

    @Override
    public Verdict check(GuardrailCheck check) {
        List<Rule> rules = compiled.computeIfAbsent(check.params(), ContentFilterGuardrail::rules);
        List<String> out = new ArrayList<>();
        boolean changed = false;
        for (String text : check.strings()) {
            if (text == null || text.isEmpty()) {
                out.add(text);
                continue;
            }
            BoundedText bounded = BoundedText.of(text);
            List<Finding> findings = new ArrayList<>();
            for (Rule rule : rules) {
                Matcher m = rule.pattern().matcher(bounded);
                while (m.find()) {
                    if (rule.action() == Finding.Action.BLOCK) {
                        return Verdict.block("matched the content filter rule '" + rule.name() + "'.");
                    }
                    if (m.end() > m.start()) {
                        findings.add(new Finding(m.start(), m.end(), rule.name(), rule.action()));
                    }
                }
            }
            if (findings.isEmpty()) {
                out.add(text);
            } else {
                changed = true;
                out.add(Finding.replace(text, findings, f -> "[" + f.kind().toUpperCase(Locale.ROOT) + "_REDACTED]"));
            }
        }
        return changed ? new Verdict.Rewrite(out, Map.of()) : Verdict.ALLOW;
    }

    static List<Rule> rules(JsonNode params) {
        List<Rule> rules = new ArrayList<>();
        JsonNode words = params.path("blocked_words");
        for (int i = 0; i < words.size(); i++) {
            JsonNode w = words.get(i);
            String keyword = w.isTextual() ? w.asText() : w.path("keyword").asText("");
            if (keyword.isBlank()) {
                throw new IllegalArgumentException("blocked_words[" + i + "].keyword: missing.");
            }
            Pattern p = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(keyword) + "(?![\\p{L}\\p{N}])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            rules.add(new Rule(keyword, p, PiiGuardrail.action(w.path("action").asText("BLOCK"),
                    "blocked_words[" + i + "].action")));
        }
        JsonNode patterns = params.path("patterns");
        for (int i = 0; i < patterns.size(); i++) {
            JsonNode p = patterns.get(i);
            String path = "patterns[" + i + "]";
            if (!"regex".equals(p.path("pattern_type").asText("regex"))) {
                throw new IllegalArgumentException(path + ".pattern_type: only 'regex' is supported (use the pii"
                        + " guardrail for prebuilt entities).");
            }
            String regex = p.path("pattern").asText("");
            if (regex.isEmpty()) {
                throw new IllegalArgumentException(path + ".pattern: missing.");
            }
            try {
                rules.add(new Rule(p.path("name").asText("pattern_" + i), Pattern.compile(regex),
                        PiiGuardrail.action(p.path("action").asText("BLOCK"), path + ".action")));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(path + ".pattern: not a valid regular expression ("
                        + e.getDescription() + ").");
            }
        }
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("set blocked_words or patterns.");
        }
        return List.copyOf(rules);
    }
}
