"""Documents (文书): WeasyPrint rendering of the five kinds with an embedded CJK font."""
