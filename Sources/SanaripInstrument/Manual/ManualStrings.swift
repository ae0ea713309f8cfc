/// The fixed wording of interviewer manuals in Kyrgyz, Russian and English.
struct ManualStrings: Sendable {
    let code: String

    init(code: String) {
        self.code = ["ky", "ru", "en"].contains(code) ? code : "en"
    }

    private static let table: [String: (ky: String, ru: String, en: String)] = [
        "manual": ("Интервьюердин колдонмосу", "Руководство интервьюера", "Interviewer manual"),
        "version": ("Версия", "Версия", "Version"),
        "contents": ("Мазмуну", "Содержание", "Contents"),
        "rules.title": ("Интервью жүргүзүүнүн жалпы эрежелери", "Общие правила проведения интервью", "General rules for interviewing"),
        "rules.1": ("Суроолорду жазылгандай, сөзмө-сөз окуңуз.", "Читайте вопросы дословно, как они написаны.", "Read each question exactly as written."),
        "rules.2": ("Жооп варианттарын «окуңуз» деп белгиленгенде гана окуңуз; башка учурда жоопту өзүңүз белгилеңиз.", "Зачитывайте варианты ответа только там, где это указано; в остальных случаях отмечайте ответ сами.", "Read out the answer options only where the instructions say so; otherwise code the answer yourself."),
        "rules.3": ("Жоопту сунуштабаңыз жана баалабаңыз; түшүнүксүз болсо, суроону кайталаңыз.", "Не подсказывайте и не оценивайте ответы; если вопрос непонятен, повторите его.", "Do not suggest or judge answers; if a question is unclear, repeat it."),
        "rules.4": ("Респонденттин жооптору купуя: аларды эч кимге айтпаңыз, планшетти башкаларга бербеңиз.", "Ответы респондента конфиденциальны: никому их не сообщайте и не передавайте планшет другим.", "Answers are confidential: never share them, and never hand the tablet to anyone else."),
        "rules.5": ("Өтүү эрежелерин планшет өзү аткарат; бул колдонмо ар бир суроо кимге берилерин түшүндүрөт.", "Переходы выполняет планшет сам; это руководство объясняет, кому задаётся каждый вопрос.", "The tablet applies the skip rules itself; this manual explains who is asked each question."),
        "asked": ("Кимге берилет", "Кому задаётся", "Who is asked"),
        "everyone": ("Бардык респонденттерге", "Всем респондентам", "Everyone"),
        "checks": ("Текшерүүлөр", "Проверки", "Checks"),
        "required": ("Жооп милдеттүү", "Ответ обязателен", "An answer is required"),
        "requiredWhen": ("Жооп милдеттүү, эгерде", "Ответ обязателен, если", "An answer is required when"),
        "constraint": ("Жооп шартка туура келиши керек", "Ответ должен удовлетворять условию", "The answer must satisfy"),
        "message": ("Билдирүү", "Сообщение", "Message"),
        "options": ("Жооп варианттары", "Варианты ответа", "Answer options"),
        "moreOptions": ("дагы %d вариант", "ещё %d вариантов", "%d more options"),
        "filtered": ("Тизме чыпкаланат", "Список фильтруется", "The list is filtered"),
        "hint": ("Интервьюерге көрсөтмө", "Указание интервьюеру", "Instruction"),
        "guidance": ("Кошумча түшүндүрмө", "Дополнительное пояснение", "Guidance"),
        "source": ("Негиз", "Источник", "Framework"),
        "computed": ("Автоматтык түрдө эсептелет", "Вычисляется автоматически", "Computed automatically"),
        "automatic": ("Автоматтык түрдө жазылуучу маалыматтар", "Автоматически записываемые данные", "Recorded automatically"),
        "repeat": ("Бул бөлүм бир нече жолу кайталанат", "Этот блок повторяется несколько раз", "This block repeats"),
        "times": ("Кайталоолордун саны", "Число повторений", "Number of repetitions"),
        "questions": ("суроолор", "вопросов", "questions"),
        "type.integer": ("Бүтүн сан", "Целое число", "Whole number"),
        "type.decimal": ("Сан", "Число", "Number"),
        "type.range": ("Шкаладагы сан", "Число на шкале", "Number on a scale"),
        "type.text": ("Текст", "Текст", "Text"),
        "type.selectOne": ("Бир жооп", "Один ответ", "One answer"),
        "type.selectMultiple": ("Бир нече жооп", "Несколько ответов", "Several answers"),
        "type.rank": ("Иреттөө", "Ранжирование", "Ranking"),
        "type.note": ("Окуп бериңиз / көрсөтүңүз", "Зачитать / показать", "Read out / show"),
        "type.acknowledge": ("Ырастоо", "Подтверждение", "Confirmation"),
        "type.date": ("Күн", "Дата", "Date"),
        "type.time": ("Убакыт", "Время", "Time"),
        "type.dateTime": ("Күн жана убакыт", "Дата и время", "Date and time"),
        "type.geo": ("GPS координаттары", "GPS-координаты", "GPS location"),
        "type.media": ("Файл (сүрөт, аудио, видео)", "Файл (фото, аудио, видео)", "File (photo, audio, video)"),
        "type.barcode": ("Штрих-код", "Штрих-код", "Barcode"),
        "and": ("жана", "и", "and"),
        "or": ("же", "или", "or"),
        "not": ("эмес", "не", "not"),
        "selected": ("тандалган", "выбрано", "includes"),
        "answered": ("жооп берилген", "дан ответ", "is answered"),
        "empty": ("жооп жок", "нет ответа", "is not answered"),
        "thisAnswer": ("бул жооп", "этот ответ", "this answer"),
        "count": ("тандалгандардын саны", "число выбранных", "number chosen in"),
        "otherwise": ("тескерисинче", "иначе", "otherwise"),
    ]

    subscript(key: String) -> String {
        guard let entry = Self.table[key] else { return key }
        switch code {
        case "ky": return entry.ky
        case "ru": return entry.ru
        default: return entry.en
        }
    }
}
