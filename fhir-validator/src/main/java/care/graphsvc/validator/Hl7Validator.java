package care.graphsvc.validator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;

/**
 * HL7's FHIR R4 instance validator (the HAPI FHIR validation library over
 * HL7's validator core) as one long-running process, so that a test pays for
 * the start-up once and each validation costs milliseconds.
 *
 * Reads one FHIR R4 resource in JSON per line on standard input and answers
 * each with one line on standard output: {"issues": [{"severity", "messageId",
 * "location", "message"}, ...]}. Prints "ready" once it has validated a first
 * resource. Everything it knows is on its classpath: the base R4 profiles and
 * value sets, and the code systems it can check without a terminology server
 * (UCUM, the languages, countries, currencies and MIME types). It never looks
 * anything up over the network. Ends when standard input closes.
 */
public final class Hl7Validator {
    private static final String WARM_UP =
            "{\"resourceType\":\"Patient\",\"id\":\"warm-up\",\"gender\":\"female\"}";

    private final FhirValidator validator;
    private final ObjectMapper json = new ObjectMapper();

    private Hl7Validator() {
        FhirContext context = FhirContext.forR4();
        ValidationSupportChain support = new ValidationSupportChain(
                new DefaultProfileValidationSupport(context),
                new CommonCodeSystemsTerminologyService(context),
                new InMemoryTerminologyServerValidationSupport(context),
                new SnapshotGeneratingValidationSupport(context));
        FhirInstanceValidator instanceValidator = new FhirInstanceValidator(support);
        // A profile that is not on the classpath (nl-core, say) cannot be
        // checked offline: reported as a warning, the base R4 rules still apply.
        instanceValidator.setErrorForUnknownProfiles(false);
        validator = context.newValidator().registerValidatorModule(instanceValidator);
    }

    private String answer(String resource) throws IOException {
        List<Map<String, Object>> issues = new ArrayList<>();
        try {
            ValidationResult result = validator.validateWithResult(resource);
            for (SingleValidationMessage message : result.getMessages()) {
                Map<String, Object> issue = new LinkedHashMap<>();
                issue.put("severity", message.getSeverity().getCode());
                issue.put("messageId", message.getMessageId());
                issue.put("location", message.getLocationString());
                issue.put("message", message.getMessage());
                issues.add(issue);
            }
        } catch (RuntimeException | StackOverflowError unreadable) {
            Map<String, Object> issue = new LinkedHashMap<>();
            issue.put("severity", "fatal");
            issue.put("messageId", unreadable.getClass().getSimpleName());
            issue.put("location", "");
            issue.put("message", String.valueOf(unreadable.getMessage()));
            issues.add(issue);
        }
        return json.writeValueAsString(Map.of("issues", issues));
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        Hl7Validator hl7 = new Hl7Validator();
        hl7.answer(WARM_UP);
        out.println("ready");
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!line.isBlank()) {
                out.println(hl7.answer(line));
                out.flush();
            }
        }
    }
}
