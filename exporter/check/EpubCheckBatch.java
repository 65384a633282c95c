// Runs EPUBCheck on several EPUBs in one JVM.
//
// EPUBCheck's own command line checks one file per run, and most of a run is
// start-up (the JVM, then compiling the schemas): about ten seconds for the
// first file, a third of a second for each further one in the same JVM.
// exporter runs this file with Java's source launcher (`java -cp epubcheck.jar
// EpubCheckBatch.java EPUB JSON [EPUB JSON]...`) and reads the JSON reports.
// A failure on one file is printed and does not stop the others.

import com.adobe.epubcheck.tool.EpubChecker;

public class EpubCheckBatch {
    public static void main(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            String[] options = {args[i], "--quiet", "--locale", "en", "--json", args[i + 1]};
            try {
                new EpubChecker().run(options);
            } catch (Throwable error) {
                System.err.println(args[i] + ": " + error);
            }
        }
    }
}
