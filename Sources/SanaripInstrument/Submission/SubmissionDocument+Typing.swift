import SanaripCore

extension SubmissionDocument {
    /// An answer's text typed as the expression engine reads it (as a submission's answers are), with what is
    /// wrong with it for the question's type, if anything.
    public static func typed(_ text: String, of question: Question, instrument: Instrument) -> (value: AnswerValue, problem: String?) {
        guard !text.isEmpty else { return (.empty, nil) }
        let (number, problem) = check(text, of: question, instrument: instrument)
        return (value(text, number: number, of: question.type), problem)
    }
}
