<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Imza</source>
        <translation>О программе Imza</translation>
    </message>
    <message>
        <source>Sign and verify documents with the e-signature certificate on your ID card or USB token. PDF documents get PAdES signatures; other files a detached CAdES signature (.p7s); several files go into one ASiC-E container.</source>
        <translation>Подписывайте и проверяйте документы сертификатом электронной подписи на удостоверении личности или USB-токене. PDF-документы получают подпись PAdES, другие файлы — отсоединённую подпись CAdES (.p7s); несколько файлов помещаются в один контейнер ASiC-E.</translation>
    </message>
    <message>
        <source>Settings:</source>
        <translation>Настройки:</translation>
    </message>
    <message>
        <source>Log:</source>
        <translation>Журнал:</translation>
    </message>
    <message>
        <source>Built with:</source>
        <translation>Создано с помощью:</translation>
    </message>
    <message>
        <source>Licence:</source>
        <translation>Лицензия:</translation>
    </message>
    <message>
        <source>Your PIN is never stored or logged. Documents are checked on this computer; the network is used only for time-stamps, for revocation data when you ask for an online check, and for the portal when you submit.</source>
        <translation>Ваш PIN никогда не сохраняется и не записывается в журнал. Документы проверяются на этом компьютере; сеть используется только для меток времени, для данных об отзыве, когда вы просите онлайн-проверку, и для портала, когда вы отправляете документ.</translation>
    </message>
</context>
<context>
    <name>AddRootDialog</name>
    <message>
        <source>Name:</source>
        <translation>Имя:</translation>
    </message>
    <message>
        <source>Issued by:</source>
        <translation>Кем выдан:</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>Отпечаток SHA-256:</translation>
    </message>
    <message>
        <source>Valid until:</source>
        <translation>Действителен до:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Файл:</translation>
    </message>
    <message>
        <source>This certificate is not a root (it was issued by another centre). A centre's root certificate is usually what should be trusted.</source>
        <translation>Этот сертификат не корневой (его выдал другой центр). Обычно доверять следует корневому сертификату центра.</translation>
    </message>
    <message>
        <source>&amp;Trust this centre</source>
        <translation>&amp;Доверять этому центру</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint</source>
        <translation>Отпечаток SHA-256</translation>
    </message>
    <message>
        <source>Trust this certification centre?</source>
        <translation>Доверять этому удостоверяющему центру?</translation>
    </message>
    <message>
        <source>Compare the fingerprint below with the one your certification centre publishes (on its website or on paper). Trust the certificate only if they are the same: every signature made under this centre will then be accepted.</source>
        <translation>Сравните отпечаток ниже с тем, который публикует ваш удостоверяющий центр (на сайте или на бумаге). Доверяйте сертификату, только если они совпадают: после этого будет приниматься каждая подпись с сертификатом этого центра.</translation>
    </message>
</context>
<context>
    <name>BulkView</name>
    <message>
        <source>Folder: %1</source>
        <translation>Папка: %1</translation>
    </message>
    <message>
        <source>Letters to sign</source>
        <translation>Письма для подписи</translation>
    </message>
    <message>
        <source>A folder of letters to sign</source>
        <translation>Папка с письмами для подписи</translation>
    </message>
    <message>
        <source>Folder for the signed letters</source>
        <translation>Папка для подписанных писем</translation>
    </message>
    <message>
        <source>Resume bulk signing?</source>
        <translation>Продолжить пакетную подпись?</translation>
    </message>
    <message numerus="yes">
        <source>An unfinished run was found in this folder: %1 of %n letters are signed.

Resume it? Letters already signed are not signed again.</source>
        <translation>
            <numerusform>В этой папке найден незавершённый запуск: подписано %1 из %n письма.

Продолжить? Уже подписанные письма повторно не подписываются.</numerusform>
            <numerusform>В этой папке найден незавершённый запуск: подписано %1 из %n писем.

Продолжить? Уже подписанные письма повторно не подписываются.</numerusform>
            <numerusform>В этой папке найден незавершённый запуск: подписано %1 из %n писем.

Продолжить? Уже подписанные письма повторно не подписываются.</numerusform>
        </translation>
    </message>
    <message>
        <source>Bulk signing</source>
        <translation>Пакетная подпись</translation>
    </message>
    <message>
        <source>Add letters or folders, choose the folder for the signed letters and a signing certificate first.</source>
        <translation>Сначала добавьте письма или папки, выберите папку для подписанных писем и сертификат подписи.</translation>
    </message>
    <message>
        <source>&amp;Sign all</source>
        <translation>&amp;Подписать все</translation>
    </message>
    <message>
        <source>Insert the token and choose a certificate.</source>
        <translation>Вставьте токен и выберите сертификат.</translation>
    </message>
    <message>
        <source>Signing…</source>
        <translation>Подписание…</translation>
    </message>
    <message>
        <source>Pausing after the letters being signed…</source>
        <translation>Пауза после писем, которые подписываются сейчас…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Остановка…</translation>
    </message>
    <message>
        <source>Cancelled. The letters not signed are listed in the report.</source>
        <translation>Отменено. Неподписанные письма перечислены в отчёте.</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 из %2</translation>
    </message>
    <message>
        <source>%1 signed, %2 failed, %3 left.</source>
        <translation>Подписано: %1, с ошибкой: %2, осталось: %3.</translation>
    </message>
    <message>
        <source>The token stopped answering (was it pulled out?). %1
Insert it again: signing continues when it is back, after you enter the PIN.</source>
        <translation>Токен перестал отвечать (его вынули?). %1
Вставьте его снова: подпись продолжится, когда он вернётся, после ввода PIN-кода.</translation>
    </message>
    <message>
        <source>Paused. %1 Resume continues with the rest.</source>
        <translation>Пауза. %1 «Продолжить» подпишет остальные.</translation>
    </message>
    <message>
        <source>Finished. %1</source>
        <translation>Готово. %1</translation>
    </message>
    <message>
        <source>PIN not accepted</source>
        <translation>PIN-код не принят</translation>
    </message>
    <message>
        <source>The token is back.</source>
        <translation>Токен снова на месте.</translation>
    </message>
    <message>
        <source>The token is back: enter its PIN once to continue.</source>
        <translation>Токен снова на месте: введите PIN-код один раз, чтобы продолжить.</translation>
    </message>
    <message>
        <source>%1 of %2 · %3 letters/s · about %4 s left</source>
        <translation>%1 из %2 · %3 писем/с · осталось около %4 с</translation>
    </message>
    <message>
        <source>Bulk signing — Imza</source>
        <translation>Пакетная подпись — Imza</translation>
    </message>
    <message>
        <source>&amp;Letters and folders to sign (drop them here):</source>
        <translation>&amp;Письма и папки для подписи (перетащите сюда):</translation>
    </message>
    <message>
        <source>Signed letters &amp;go to:</source>
        <translation>Подписанные письма со&amp;хранять в:</translation>
    </message>
    <message>
        <source>&amp;Certificate:</source>
        <translation>&amp;Сертификат:</translation>
    </message>
    <message>
        <source>Le&amp;vel:</source>
        <translation>&amp;Уровень:</translation>
    </message>
    <message>
        <source>&amp;Queue:</source>
        <translation>&amp;Очередь:</translation>
    </message>
    <message>
        <source>Add &amp;files…</source>
        <translation>Добавить &amp;файлы…</translation>
    </message>
    <message>
        <source>Add f&amp;older…</source>
        <translation>Добавить п&amp;апку…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>У&amp;брать</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>&amp;Выбрать…</translation>
    </message>
    <message>
        <source>&amp;Sign all…</source>
        <translation>Подп&amp;исать все…</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>Пау&amp;за</translation>
    </message>
    <message>
        <source>Res&amp;ume…</source>
        <translation>Продо&amp;лжить…</translation>
    </message>
    <message>
        <source>Ca&amp;ncel run</source>
        <translation>О&amp;тменить запуск</translation>
    </message>
    <message>
        <source>Open repor&amp;t</source>
        <translation>Открыть от&amp;чёт</translation>
    </message>
    <message>
        <source>Letters and folders to sign</source>
        <translation>Письма и папки для подписи</translation>
    </message>
    <message>
        <source>One PIN entry signs every letter. PDFs get PAdES signatures, other files a detached .p7s.</source>
        <translation>Один ввод PIN-кода подписывает все письма. PDF получают подпись PAdES, другие файлы — отдельный .p7s.</translation>
    </message>
    <message numerus="yes">
        <source>%n letters will be signed.</source>
        <translation>
            <numerusform>Будет подписано %n письмо.</numerusform>
            <numerusform>Будут подписаны %n письма.</numerusform>
            <numerusform>Будет подписано %n писем.</numerusform>
        </translation>
    </message>
    <message>
        <source>Add the letters to sign first: Add files, Add folder, or drop them on the list.</source>
        <translation>Сначала добавьте письма для подписи: «Добавить файлы», «Добавить папку» или перетащите их в список.</translation>
    </message>
    <message>
        <source>No signing certificate: insert your ID card or plug in your token.</source>
        <translation>Нет сертификата для подписи: вставьте удостоверение личности или подключите токен.</translation>
    </message>
    <message>
        <source>Choose the folder for the signed letters.</source>
        <translation>Выберите папку для подписанных писем.</translation>
    </message>
    <message numerus="yes">
        <source>%n letters</source>
        <translation>
            <numerusform>%n письмо</numerusform>
            <numerusform>%n письма</numerusform>
            <numerusform>%n писем</numerusform>
        </translation>
    </message>
    <message>
        <source>Files and folders added with the buttons below or dropped here; folders are signed with everything in them.</source>
        <translation>Файлы и папки, добавленные кнопками ниже или перетащенные сюда; папки подписываются со всем содержимым.</translation>
    </message>
</context>
<context>
    <name>DropZone</name>
    <message>
        <source>Drop a document here to sign or check it, or choose a file</source>
        <translation>Перетащите сюда документ, чтобы подписать или проверить его, или выберите файл</translation>
    </message>
    <message>
        <source>PDF documents, signature files (.p7s) and containers (.asice), or any file to sign.</source>
        <translation>PDF-документы, файлы подписи (.p7s) и контейнеры (.asice) или любой файл для подписи.</translation>
    </message>
    <message>
        <source>&amp;Choose a file…</source>
        <translation>&amp;Выбрать файл…</translation>
    </message>
    <message>
        <source>Drop zone</source>
        <translation>Область для перетаскивания</translation>
    </message>
    <message>
        <source>Open a document to sign or check</source>
        <translation>Открыть документ для подписи или проверки</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <source>Imza</source>
        <translation>Imza</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>Непредвиденная ошибка</translation>
    </message>
    <message>
        <source>Something went wrong inside Imza: %1

The details were written to %2. Please report it. Your documents were not changed by this error.</source>
        <translation>В Imza произошла ошибка: %1

Подробности записаны в %2. Пожалуйста, сообщите о ней. Ваши документы из-за этой ошибки не изменились.</translation>
    </message>
</context>
<context>
    <name>FileFactsView</name>
    <message>
        <source>This is a signed container, so it cannot be shown here. What is signed is the files inside it, listed beside the verdict: open or save each one there.</source>
        <translation>Это подписанный контейнер, поэтому его нельзя показать здесь. Подписаны файлы внутри него, они перечислены рядом с результатом проверки: там каждый можно открыть или сохранить.</translation>
    </message>
    <message>
        <source>This is a signature with the signed file inside it. What is signed is that file: save it with File → Save signed content to open it.</source>
        <translation>Это подпись, внутри которой находится подписанный файл. Подписан именно этот файл: чтобы открыть его, сохраните его через Файл → Сохранить подписанное содержимое.</translation>
    </message>
    <message>
        <source>This is a signature kept apart from the file it signs. What is signed is %1, exactly these bytes:</source>
        <translation>Это подпись, хранящаяся отдельно от подписываемого файла. Подписан файл %1, именно эти байты:</translation>
    </message>
    <message>
        <source>This is a signature kept apart from the file it signs, and that file is not beside it. What is signed is that file: choose it beside the verdict to check it. These are the signature's own bytes:</source>
        <translation>Это подпись, хранящаяся отдельно от подписываемого файла, и этого файла рядом с ней нет. Подписан именно тот файл: выберите его рядом с результатом проверки, чтобы проверить. Ниже — байты самой подписи:</translation>
    </message>
    <message>
        <source>This file is not a PDF, so it cannot be shown here. What is signed is exactly these bytes:</source>
        <translation>Этот файл не PDF, поэтому его нельзя показать здесь. Подписываются именно эти байты:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Имя:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Размер:</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Тип:</translation>
    </message>
    <message>
        <source>SHA-256:</source>
        <translation>SHA-256:</translation>
    </message>
    <message numerus="yes">
        <source>%1 bytes</source>
        <translation>
            <numerusform>%1 байт</numerusform>
            <numerusform>%1 байта</numerusform>
            <numerusform>%1 байт</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LetterQueue</name>
    <message>
        <source>signed</source>
        <translation>подписано</translation>
    </message>
    <message>
        <source>already signed</source>
        <translation>уже подписано</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>ошибка: %1</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>ожидает</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Письмо</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Queue of letters with their status</source>
        <translation>Очередь писем с их статусом</translation>
    </message>
    <message>
        <source>One row per letter: waiting, signed, or failed with the reason. After a run the failed letters come first.</source>
        <translation>Одна строка на письмо: ожидает, подписано или не удалось с причиной. После запуска письма с ошибками идут первыми.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in to the portal</source>
        <translation>Вход на портал</translation>
    </message>
    <message>
        <source>Log in with your ID card: its authentication certificate proves who you are. The portal&apos;s login is kept in the system&apos;s password store, never in a file.</source>
        <translation>Войдите с удостоверением личности: его сертификат аутентификации подтверждает, кто вы. Вход на портал хранится в хранилище паролей системы, никогда не в файле.</translation>
    </message>
    <message>
        <source>&amp;Card:</source>
        <translation>&amp;Карта:</translation>
    </message>
    <message>
        <source>&amp;PIN:</source>
        <translation>&amp;PIN-код:</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>&amp;Войти</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Close document</source>
        <translation>&amp;Закрыть документ</translation>
    </message>
    <message>
        <source>Save signed &amp;content…</source>
        <translation>Сохранить подписанное &amp;содержимое…</translation>
    </message>
    <message>
        <source>Save the signed content</source>
        <translation>Сохранить подписанное содержимое</translation>
    </message>
    <message>
        <source>The signed content could not be saved: %1</source>
        <translation>Не удалось сохранить подписанное содержимое: %1</translation>
    </message>
    <message>
        <source>Signed content saved to %1</source>
        <translation>Подписанное содержимое сохранено в %1</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Сохранение</translation>
    </message>
    <message>
        <source>Imza — sign and verify documents</source>
        <translation>Imza — подпись и проверка документов</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Document</source>
        <translation>&amp;Документ</translation>
    </message>
    <message>
        <source>&amp;Token</source>
        <translation>&amp;Токен</translation>
    </message>
    <message>
        <source>&amp;Portal</source>
        <translation>П&amp;ортал</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Основная панель инструментов</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Открыть…</translation>
    </message>
    <message>
        <source>&amp;Sign…</source>
        <translation>&amp;Подписать…</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>П&amp;роверить</translation>
    </message>
    <message>
        <source>Verify &amp;offline (no network)</source>
        <translation>Проверять &amp;без сети</translation>
    </message>
    <message>
        <source>&amp;Place visible signature</source>
        <translation>&amp;Разместить видимую подпись</translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation>&amp;Экспорт отчёта…</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <source>&amp;Change PIN…</source>
        <translation>&amp;Сменить PIN…</translation>
    </message>
    <message>
        <source>&amp;Unblock PIN…</source>
        <translation>&amp;Разблокировать PIN…</translation>
    </message>
    <message>
        <source>&amp;About Imza</source>
        <translation>&amp;О программе Imza</translation>
    </message>
    <message>
        <source>&amp;Bulk signing…</source>
        <translation>&amp;Пакетная подпись…</translation>
    </message>
    <message>
        <source>&amp;Submit to the portal…</source>
        <translation>&amp;Отправить на портал…</translation>
    </message>
    <message>
        <source>&amp;Outbox</source>
        <translation>&amp;Исходящие</translation>
    </message>
    <message>
        <source>&amp;Log in with the card…</source>
        <translation>&amp;Войти с картой…</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>В&amp;ыйти</translation>
    </message>
    <message>
        <source>&lt;b&gt;Documents&lt;/b&gt;</source>
        <translation>&lt;b&gt;Документы&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Open documents</source>
        <translation>Открытые документы</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Выполняется…</translation>
    </message>
    <message>
        <source>Documents (*.pdf *.p7s);;All files (*)</source>
        <translation>Документы (*.pdf *.p7s);;Все файлы (*)</translation>
    </message>
    <message>
        <source>%1 — Imza</source>
        <translation>%1 — Imza</translation>
    </message>
    <message>
        <source>Verifying %1…</source>
        <translation>Проверка %1…</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Подписать</translation>
    </message>
    <message>
        <source>Open the document to sign first (Ctrl+O).</source>
        <translation>Сначала откройте документ для подписи (Ctrl+O).</translation>
    </message>
    <message>
        <source>Export verification report</source>
        <translation>Экспорт отчёта о проверке</translation>
    </message>
    <message>
        <source>HTML (*.html);;PDF (*.pdf)</source>
        <translation>HTML (*.html);;PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Экспорт</translation>
    </message>
    <message>
        <source>The report could not be saved: %1</source>
        <translation>Не удалось сохранить отчёт: %1</translation>
    </message>
    <message>
        <source>Report saved to %1</source>
        <translation>Отчёт сохранён: %1</translation>
    </message>
    <message>
        <source>About Imza</source>
        <translation>О программе Imza</translation>
    </message>
    <message>
        <source>&lt;b&gt;Imza %1&lt;/b&gt;&lt;p&gt;Sign and verify documents with the e-signature certificate on your ID card or USB token.&lt;/p&gt;&lt;p&gt;PDF documents get PAdES signatures; other files a detached CAdES signature (.p7s).&lt;/p&gt;</source>
        <translation>&lt;b&gt;Imza %1&lt;/b&gt;&lt;p&gt;Подписывайте и проверяйте документы сертификатом электронной подписи на вашей ID-карте или USB-токене.&lt;/p&gt;&lt;p&gt;PDF-документы получают подпись PAdES, остальные файлы — отсоединённую подпись CAdES (.p7s).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Check &amp;online (fetch missing revocation data)</source>
        <translation>Проверить &amp;онлайн (получить недостающие данные об отзыве)</translation>
    </message>
    <message>
        <source>All supported (*.pdf *.p7s *.p7m *.asice *.sce)</source>
        <translation>Все поддерживаемые (*.pdf *.p7s *.p7m *.asice *.sce)</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Документы PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Detached or enveloping signatures (*.p7s *.p7m)</source>
        <translation>Отсоединённые или присоединённые подписи (*.p7s *.p7m)</translation>
    </message>
    <message>
        <source>Signed containers, ASiC-E (*.asice *.sce)</source>
        <translation>Подписанные контейнеры ASiC-E (*.asice *.sce)</translation>
    </message>
    <message>
        <source>Any file to sign (*)</source>
        <translation>Любой файл для подписи (*)</translation>
    </message>
    <message>
        <source>%1 is still being checked. Sign it when the check has finished.</source>
        <translation>%1 ещё проверяется. Подпишите его, когда проверка закончится.</translation>
    </message>
    <message>
        <source>Choose the file that %1 signs</source>
        <translation>Выберите файл, который подписывает %1</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Все файлы (*)</translation>
    </message>
    <message>
        <source>Save %1</source>
        <translation>Сохранить %1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Сохранено: %1</translation>
    </message>
    <message>
        <source>%1 is now trusted.</source>
        <translation>%1 теперь в доверенных.</translation>
    </message>
    <message>
        <source>The selected document is shown in the middle, its signatures on the right.</source>
        <translation>Выбранный документ показан посередине, его подписи — справа.</translation>
    </message>
</context>
<context>
    <name>OutboxView</name>
    <message>
        <source>Save the portal&apos;s receipt</source>
        <translation>Сохранить квитанцию портала</translation>
    </message>
    <message>
        <source>CMS (*.p7s)</source>
        <translation>CMS (*.p7s)</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Квитанция</translation>
    </message>
    <message>
        <source>Outbox — Imza</source>
        <translation>Исходящие — Imza</translation>
    </message>
    <message>
        <source>Logged in to the portal as %1.</source>
        <translation>Вход на портал выполнен: %1.</translation>
    </message>
    <message>
        <source>Submissions to the portal, newest first. Statuses are refreshed every few seconds while this window is open.</source>
        <translation>Отправки на портал, новые сверху. Пока окно открыто, статусы обновляются каждые несколько секунд.</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Запись</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Поставлено в очередь</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Кому</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Тема</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Outbox entries</source>
        <translation>Записи исходящих</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <source>Send &amp;again</source>
        <translation>Отправить с&amp;нова</translation>
    </message>
    <message>
        <source>&amp;Cancel entry</source>
        <translation>Отменить &amp;запись</translation>
    </message>
    <message>
        <source>Save r&amp;eceipt…</source>
        <translation>Сохранить &amp;квитанцию…</translation>
    </message>
    <message>
        <source>&amp;Log in with the card…</source>
        <translation>&amp;Войти с картой…</translation>
    </message>
</context>
<context>
    <name>PageView</name>
    <message>
        <source>Signature</source>
        <translation>Подпись</translation>
    </message>
</context>
<context>
    <name>PinChangeDialog</name>
    <message>
        <source>Unblock PIN</source>
        <translation>Разблокировка PIN</translation>
    </message>
    <message>
        <source>Change PIN</source>
        <translation>Смена PIN</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Токен:</translation>
    </message>
    <message>
        <source>&amp;PUK (SO PIN):</source>
        <translation>&amp;PUK (SO PIN):</translation>
    </message>
    <message>
        <source>&amp;Current PIN:</source>
        <translation>&amp;Текущий PIN:</translation>
    </message>
    <message>
        <source>&amp;New PIN:</source>
        <translation>&amp;Новый PIN:</translation>
    </message>
    <message>
        <source>&amp;Repeat new PIN:</source>
        <translation>&amp;Повторите новый PIN:</translation>
    </message>
    <message>
        <source>PIN length rules of this token: checking…</source>
        <translation>Требования токена к длине PIN: проверка…</translation>
    </message>
    <message>
        <source>&amp;Unblock</source>
        <translation>&amp;Разблокировать</translation>
    </message>
    <message>
        <source>C&amp;hange</source>
        <translation>&amp;Сменить</translation>
    </message>
    <message>
        <source>PIN length rules of this token: unknown. The token refuses a PIN of the wrong length.</source>
        <translation>Требования токена к длине PIN: неизвестны. Токен отклонит PIN неверной длины.</translation>
    </message>
    <message>
        <source>PIN length rules of this token: %1 to %2 characters.</source>
        <translation>Требования токена к длине PIN: от %1 до %2 символов.</translation>
    </message>
    <message>
        <source>No token whose PIN can be changed here is present.</source>
        <translation>Нет токена, PIN которого можно сменить здесь.</translation>
    </message>
    <message>
        <source>The two new PINs differ.</source>
        <translation>Новые PIN не совпадают.</translation>
    </message>
    <message>
        <source>The new PIN is too short.</source>
        <translation>Новый PIN слишком короткий.</translation>
    </message>
    <message>
        <source>The new PIN is too long.</source>
        <translation>Новый PIN слишком длинный.</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Enter PIN</source>
        <translation>Ввод PIN</translation>
    </message>
    <message>
        <source>&amp;PIN:</source>
        <translation>&amp;PIN:</translation>
    </message>
    <message>
        <source>&amp;Sign</source>
        <translation>&amp;Подписать</translation>
    </message>
    <message>
        <source>Enter the PIN of &lt;b&gt;%1&lt;/b&gt;%2.</source>
        <translation>Введите PIN для &lt;b&gt;%1&lt;/b&gt;%2.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; is in a reader with a PIN pad. After you press the button below, type your PIN on the reader, not on the keyboard.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; находится в считывателе с PIN-клавиатурой. Нажав кнопку ниже, введите PIN на считывателе, а не на клавиатуре компьютера.</translation>
    </message>
    <message>
        <source>The PIN is blocked. Unblock it with the PUK first.</source>
        <translation>PIN заблокирован. Сначала разблокируйте его с помощью PUK.</translation>
    </message>
    <message>
        <source>Tries left: 1. This is the final try: a wrong PIN now blocks the PIN.</source>
        <translation>Осталось попыток: 1. Это последняя попытка: неверный PIN заблокирует его.</translation>
    </message>
    <message>
        <source>A wrong PIN was entered before: few tries may be left.</source>
        <translation>Ранее был введён неверный PIN: попыток может остаться мало.</translation>
    </message>
    <message>
        <source>Tries left: not reported by this token. Imza never retries a PIN by itself.</source>
        <translation>Оставшиеся попытки: токен не сообщает. Imza никогда не повторяет ввод PIN сама.</translation>
    </message>
    <message>
        <source>Signing: %1</source>
        <translation>Подписывается: %1</translation>
    </message>
    <message>
        <source>As: %1</source>
        <translation>От имени: %1</translation>
    </message>
</context>
<context>
    <name>PortalController</name>
    <message>
        <source>Logging in to the portal…</source>
        <translation>Вход на портал…</translation>
    </message>
    <message>
        <source>Logged in to the portal as %1.</source>
        <translation>Вход на портал выполнен: %1.</translation>
    </message>
    <message>
        <source>Portal login failed</source>
        <translation>Не удалось войти на портал</translation>
    </message>
    <message>
        <source>Checking and sending…</source>
        <translation>Проверка и отправка…</translation>
    </message>
    <message>
        <source>Outbox entry %1: %2</source>
        <translation>Исходящие, запись %1: %2</translation>
    </message>
    <message>
        <source>Not sent yet</source>
        <translation>Ещё не отправлено</translation>
    </message>
    <message>
        <source>%1

It stays in the outbox as entry %2 and is sent again from there.</source>
        <translation>%1

Отправка остаётся в исходящих как запись %2 и будет отправлена оттуда снова.</translation>
    </message>
    <message>
        <source>Entry %1: %2</source>
        <translation>Запись %1: %2</translation>
    </message>
    <message>
        <source>Logged in to the portal as %1, until this window closes (there is no password store to keep the login in).</source>
        <translation>Выполнен вход на портал как %1, до закрытия этого окна (нет хранилища паролей, чтобы сохранить вход).</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <source>Previous page (Page Up)</source>
        <translation>Предыдущая страница (Page Up)</translation>
    </message>
    <message>
        <source>Next page (Page Down)</source>
        <translation>Следующая страница (Page Down)</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Предыдущая страница</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Следующая страница</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Страница</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>Увеличить (Ctrl++)</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>Уменьшить (Ctrl+-)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Увеличить</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Уменьшить</translation>
    </message>
    <message>
        <source>Place signature</source>
        <translation>Разместить подпись</translation>
    </message>
    <message>
        <source>Drag a rectangle on the page where the visible signature goes (keyboard: Enter, then arrows; Shift+arrows resize)</source>
        <translation>Нарисуйте на странице прямоугольник для видимой подписи (клавиатура: Enter, затем стрелки; Shift+стрелки меняют размер)</translation>
    </message>
    <message>
        <source>Remove box</source>
        <translation>Убрать рамку</translation>
    </message>
    <message>
        <source>Page preview</source>
        <translation>Просмотр страницы</translation>
    </message>
    <message>
        <source>Open a document (Ctrl+O) or drop it on this window.
Signed documents are verified as soon as they open.</source>
        <translation>Откройте документ (Ctrl+O) или перетащите его в это окно.
Подписанные документы проверяются сразу при открытии.</translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>из %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Automatic (found on this computer)</source>
        <translation>Автоматически (найденный на этом компьютере)</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Обзор…</translation>
    </message>
    <message>
        <source>Looking for PKCS#11 modules…</source>
        <translation>Поиск модулей PKCS#11…</translation>
    </message>
    <message>
        <source>Automatic: B-T with a time-stamping service, else B-B</source>
        <translation>Автоматически: B-T при наличии службы меток времени, иначе B-B</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Язык системы</translation>
    </message>
    <message>
        <source>PKCS#11 &amp;module:</source>
        <translation>&amp;Модуль PKCS#11:</translation>
    </message>
    <message>
        <source>Modules found:</source>
        <translation>Найденные модули:</translation>
    </message>
    <message>
        <source>&amp;Time-stamping service (TSA):</source>
        <translation>&amp;Служба меток времени (TSA):</translation>
    </message>
    <message>
        <source>Default &amp;level:</source>
        <translation>&amp;Уровень по умолчанию:</translation>
    </message>
    <message>
        <source>L&amp;anguage:</source>
        <translation>&amp;Язык:</translation>
    </message>
    <message>
        <source>PINs are never stored: Imza asks for the PIN every time it signs.</source>
        <translation>PIN никогда не сохраняется: Imza запрашивает его при каждой подписи.</translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation>Об&amp;щие</translation>
    </message>
    <message>
        <source>Tr&amp;ust</source>
        <translation>Дов&amp;ерие</translation>
    </message>
    <message>
        <source>None. Install your card&apos;s software (for most ID cards: OpenSC).</source>
        <translation>Нет. Установите ПО для вашей карты (для большинства ID-карт: OpenSC).</translation>
    </message>
    <message>
        <source>loaded</source>
        <translation>загружен</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>ошибка: %1</translation>
    </message>
    <message>
        <source>PKCS#11 module</source>
        <translation>Модуль PKCS#11</translation>
    </message>
    <message>
        <source>Libraries (*.so *.so.* *.dylib *.dll);;All files (*)</source>
        <translation>Библиотеки (*.so *.so.* *.dylib *.dll);;Все файлы (*)</translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <source>&amp;Image:</source>
        <translation>&amp;Изображение:</translation>
    </message>
    <message>
        <source>Choose image…</source>
        <translation>Выбрать изображение…</translation>
    </message>
    <message>
        <source>No image</source>
        <translation>Без изображения</translation>
    </message>
    <message>
        <source>None (optional)</source>
        <translation>Нет (по желанию)</translation>
    </message>
    <message>
        <source>A seal or a handwritten signature (PNG, JPEG or PDF), drawn faintly behind the words of the visible signature.</source>
        <translation>Печать или собственноручная подпись (PNG, JPEG или PDF), бледно нарисованная за текстом видимой подписи.</translation>
    </message>
    <message>
        <source>Image for the visible signature</source>
        <translation>Изображение для видимой подписи</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.pdf)</source>
        <translation>Изображения (*.png *.jpg *.jpeg *.pdf)</translation>
    </message>
    <message>
        <source>Sign %1</source>
        <translation>Подписать %1</translation>
    </message>
    <message>
        <source>%1 — %2 (valid until %3)</source>
        <translation>%1 — %2 (действителен до %3)</translation>
    </message>
    <message>
        <source>PAdES: signature inside the PDF</source>
        <translation>PAdES: подпись внутри PDF</translation>
    </message>
    <message>
        <source>CAdES: detached signature file (.p7s)</source>
        <translation>CAdES: отдельный файл подписи (.p7s)</translation>
    </message>
    <message>
        <source>B-B: basic signature</source>
        <translation>B-B: базовая подпись</translation>
    </message>
    <message>
        <source>B-T: with a trusted time-stamp</source>
        <translation>B-T: с доверенной меткой времени</translation>
    </message>
    <message>
        <source>B-LT: with validation data, for long-term checks</source>
        <translation>B-LT: с данными для долгосрочной проверки</translation>
    </message>
    <message>
        <source>B-LTA: with an archive time-stamp</source>
        <translation>B-LTA: с архивной меткой времени</translation>
    </message>
    <message>
        <source>Needs a time-stamping service: set one in Settings.</source>
        <translation>Нужна служба меток времени: укажите её в настройках.</translation>
    </message>
    <message>
        <source>&amp;Certificate:</source>
        <translation>&amp;Сертификат:</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Формат:</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>&amp;Уровень:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Причина:</translation>
    </message>
    <message>
        <source>L&amp;ocation:</source>
        <translation>&amp;Место:</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>Результат:</translation>
    </message>
    <message>
        <source>No certificate fit for signing is present. Insert your ID card or token; authentication and expired certificates cannot sign.</source>
        <translation>Нет сертификата, пригодного для подписи. Вставьте ID-карту или токен; сертификатами аутентификации и просроченными подписывать нельзя.</translation>
    </message>
    <message>
        <source>&amp;Next: PIN…</source>
        <translation>&amp;Далее: PIN…</translation>
    </message>
    <message>
        <source>&amp;Visible signature on page %1, in the box drawn on the preview</source>
        <translation>&amp;Видимая подпись на странице %1, в рамке, нарисованной на просмотре</translation>
    </message>
    <message>
        <source>&amp;Visible signature</source>
        <translation>&amp;Видимая подпись</translation>
    </message>
    <message>
        <source>To add a visible signature, press “Place signature” above the page and drag a rectangle where it should go.</source>
        <translation>Чтобы добавить видимую подпись, нажмите «Разместить подпись» над страницей и нарисуйте прямоугольник в нужном месте.</translation>
    </message>
</context>
<context>
    <name>SigningFlow</name>
    <message>
        <source>Replace the signed file?</source>
        <translation>Заменить подписанный файл?</translation>
    </message>
    <message>
        <source>%1

Replace it with the new signed document?</source>
        <translation>%1

Заменить его новым подписанным документом?</translation>
    </message>
    <message>
        <source>Signing…</source>
        <translation>Подписание…</translation>
    </message>
    <message>
        <source>Type your PIN on the reader&apos;s PIN pad…</source>
        <translation>Введите PIN на клавиатуре считывателя…</translation>
    </message>
    <message>
        <source>Signing cancelled.</source>
        <translation>Подписание отменено.</translation>
    </message>
    <message>
        <source>Signed: %1</source>
        <translation>Подписано: %1</translation>
    </message>
    <message>
        <source>PIN not accepted</source>
        <translation>PIN не принят</translation>
    </message>
    <message>
        <source>The PIN of %1 was unblocked and set to the new PIN.</source>
        <translation>PIN токена %1 разблокирован и заменён новым.</translation>
    </message>
    <message>
        <source>The PIN of %1 was changed.</source>
        <translation>PIN токена %1 изменён.</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Токен</translation>
    </message>
    <message>
        <source>PIN not changed</source>
        <translation>PIN не изменён</translation>
    </message>
    <message>
        <source>Sign a document that is not valid?</source>
        <translation>Подписать недействительный документ?</translation>
    </message>
    <message>
        <source>%1

%2

Your signature would stand beside this. Others may not rely on the document; ask its sender for a valid copy before you sign it.</source>
        <translation>%1

%2

Ваша подпись окажется рядом с этим. Другие могут не доверять документу; прежде чем подписывать, попросите у отправителя действительную копию.</translation>
    </message>
    <message>
        <source>Do&amp;n't sign</source>
        <translation>&amp;Не подписывать</translation>
    </message>
    <message>
        <source>Sign &amp;anyway</source>
        <translation>&amp;Всё равно подписать</translation>
    </message>
    <message numerus="yes">
        <source>%n documents</source>
        <translation>
            <numerusform>%n документ</numerusform>
            <numerusform>%n документа</numerusform>
            <numerusform>%n документов</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SubmitDialog</name>
    <message>
        <source>Submit to the portal</source>
        <translation>Отправить на портал</translation>
    </message>
    <message>
        <source>Documents: %1</source>
        <translation>Документы: %1</translation>
    </message>
    <message>
        <source>An e-service (application)</source>
        <translation>Электронная услуга (заявление)</translation>
    </message>
    <message>
        <source>An organisation (letter)</source>
        <translation>Организация (письмо)</translation>
    </message>
    <message>
        <source>Type to search by name or id</source>
        <translation>Поиск по названию или идентификатору</translation>
    </message>
    <message>
        <source>Send &amp;to:</source>
        <translation>&amp;Куда:</translation>
    </message>
    <message>
        <source>Searc&amp;h:</source>
        <translation>По&amp;иск:</translation>
    </message>
    <message>
        <source>&amp;Recipient:</source>
        <translation>&amp;Получатель:</translation>
    </message>
    <message>
        <source>S&amp;ubject:</source>
        <translation>&amp;Тема:</translation>
    </message>
    <message>
        <source>R&amp;eference:</source>
        <translation>&amp;Номер документа:</translation>
    </message>
    <message>
        <source>&amp;Submit</source>
        <translation>&amp;Отправить</translation>
    </message>
    <message>
        <source>Loading the portal&apos;s list…</source>
        <translation>Загрузка списка портала…</translation>
    </message>
    <message>
        <source>The portal cannot be reached: this list was saved earlier.</source>
        <translation>Портал недоступен: этот список был сохранён ранее.</translation>
    </message>
    <message>
        <source>Accepts %1 up to %2 MB, level %3 or higher.</source>
        <translation>Принимает %1 до %2 МБ, уровень %3 или выше.</translation>
    </message>
</context>
<context>
    <name>TokenCard</name>
    <message>
        <source>Holder: %1</source>
        <translation>Владелец: %1</translation>
    </message>
    <message>
        <source>No personal certificate</source>
        <translation>Нет личного сертификата</translation>
    </message>
    <message>
        <source>No certificates on this token.</source>
        <translation>На токене нет сертификатов.</translation>
    </message>
    <message>
        <source>Change PIN…</source>
        <translation>Сменить PIN…</translation>
    </message>
    <message>
        <source>Unblock PIN…</source>
        <translation>Разблокировать PIN…</translation>
    </message>
    <message>
        <source>Change the PIN of %1</source>
        <translation>Сменить PIN токена %1</translation>
    </message>
    <message>
        <source>Unblock the PIN of %1</source>
        <translation>Разблокировать PIN токена %1</translation>
    </message>
    <message>
        <source>Signing certificate</source>
        <translation>Сертификат подписи</translation>
    </message>
    <message>
        <source>Certificate not for signing</source>
        <translation>Сертификат не для подписи</translation>
    </message>
    <message>
        <source>expired on %1</source>
        <translation>истёк %1</translation>
    </message>
    <message>
        <source>valid from %1</source>
        <translation>действителен с %1</translation>
    </message>
    <message>
        <source>valid until %1</source>
        <translation>действителен до %1</translation>
    </message>
    <message>
        <source>PIN blocked: unblock it with the PUK.</source>
        <translation>PIN заблокирован: разблокируйте его с помощью PUK.</translation>
    </message>
    <message>
        <source>Final PIN try: one more wrong PIN blocks it.</source>
        <translation>Последняя попытка: ещё один неверный PIN заблокирует его.</translation>
    </message>
    <message>
        <source>A wrong PIN was entered: few tries may be left.</source>
        <translation>Был введён неверный PIN: попыток может остаться мало.</translation>
    </message>
    <message>
        <source>PIN is typed on the reader&apos;s PIN pad.</source>
        <translation>PIN вводится на клавиатуре считывателя.</translation>
    </message>
    <message>
        <source>PIN ready.</source>
        <translation>PIN в порядке.</translation>
    </message>
    <message>
        <source>Card or token %1</source>
        <translation>Карта или токен %1</translation>
    </message>
</context>
<context>
    <name>TokenPanel</name>
    <message>
        <source>Reading the tokens failed: %1</source>
        <translation>Не удалось прочитать токены: %1</translation>
    </message>
    <message>
        <source>Looking for cards and tokens…</source>
        <translation>Поиск карт и токенов…</translation>
    </message>
    <message>
        <source>No PKCS#11 module could be loaded. Install your card&apos;s software, or choose its module in Settings.</source>
        <translation>Не удалось загрузить ни один модуль PKCS#11. Установите ПО для карты или выберите её модуль в настройках.</translation>
    </message>
    <message>
        <source>No card reader found. Connect the reader.</source>
        <translation>Считыватель карт не найден. Подключите считыватель.</translation>
    </message>
    <message>
        <source>No card or token. Insert your ID card or plug in your token.</source>
        <translation>Нет карты или токена. Вставьте ID-карту или подключите токен.</translation>
    </message>
    <message>
        <source>The PIN is blocked on every token present.</source>
        <translation>PIN заблокирован на всех подключённых токенах.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cards and tokens&lt;/b&gt;</source>
        <translation>&lt;b&gt;Карты и токены&lt;/b&gt;</translation>
    </message>
    <message>
        <source>A card is in the reader, but no installed card software can read it. Install the card&apos;s software (for most ID cards OpenSC) or choose its module in Settings.</source>
        <translation>В считывателе есть карта, но ни одна установленная программа для карт не может её прочитать. Установите программное обеспечение карты (для большинства удостоверений личности OpenSC) или выберите её модуль в настройках.</translation>
    </message>
    <message>
        <source>Card readers: %1</source>
        <translation>Считыватели карт: %1</translation>
    </message>
    <message>
        <source>Cards and tokens</source>
        <translation>Карты и токены</translation>
    </message>
    <message>
        <source>The ID cards and tokens present now, with their certificates and PIN state.</source>
        <translation>Подключённые сейчас удостоверения личности и токены, с их сертификатами и состоянием PIN.</translation>
    </message>
</context>
<context>
    <name>TrustNotice</name>
    <message>
        <source>Until then no signature can be confirmed as valid.</source>
        <translation>До тех пор ни одна подпись не может быть подтверждена как действительная.</translation>
    </message>
    <message>
        <source>&amp;Add a root certificate…</source>
        <translation>&amp;Добавить корневой сертификат…</translation>
    </message>
    <message>
        <source>Trust your certification centre: choose its root certificate file</source>
        <translation>Доверьтесь своему удостоверяющему центру: выберите файл его корневого сертификата</translation>
    </message>
    <message>
        <source>Nothing is trusted yet</source>
        <translation>Пока ничему не доверено</translation>
    </message>
</context>
<context>
    <name>TrustPage</name>
    <message>
        <source>Default folder</source>
        <translation>Папка по умолчанию</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>О&amp;бзор…</translation>
    </message>
    <message>
        <source>Your trust &amp;folder:</source>
        <translation>&amp;Ваша папка доверия:</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Действует до</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Источник</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <source>&amp;Add certificate or trusted list…</source>
        <translation>&amp;Добавить сертификат или доверенный список…</translation>
    </message>
    <message>
        <source>Add trusted-list &amp;signer…</source>
        <translation>Добавить &amp;подписанта доверенного списка…</translation>
    </message>
    <message>
        <source>The certificate a trusted list is signed with. A trusted list is only used when its signature verifies with one of these.</source>
        <translation>Сертификат, которым подписан доверенный список. Доверенный список используется, только если его подпись проверяется одним из них.</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>&amp;Удалить</translation>
    </message>
    <message>
        <source>Your trust folder</source>
        <translation>Ваша папка доверия</translation>
    </message>
    <message>
        <source>Some files are not used; select one to see why.</source>
        <translation>Некоторые файлы не используются; выберите файл, чтобы увидеть причину.</translation>
    </message>
    <message>
        <source>Checking the trusted lists…</source>
        <translation>Проверка доверенных списков…</translation>
    </message>
    <message>
        <source>Adding %1…</source>
        <translation>Добавление %1…</translation>
    </message>
    <message>
        <source>Removing %1…</source>
        <translation>Удаление %1…</translation>
    </message>
    <message>
        <source>Removed %1: it is no longer trusted.</source>
        <translation>%1 удалён: ему больше не доверяют.</translation>
    </message>
    <message>
        <source>Added %1 to %2.</source>
        <translation>%1 добавлен в %2.</translation>
    </message>
    <message>
        <source>Added %1, but it is not used: %2.</source>
        <translation>%1 добавлен, но не используется: %2.</translation>
    </message>
    <message>
        <source>Add trusted-list signer</source>
        <translation>Добавить подписанта доверенного списка</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der);;All files (*)</source>
        <translation>Сертификаты (*.pem *.crt *.cer *.der);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Add certificate or trusted list</source>
        <translation>Добавить сертификат или доверенный список</translation>
    </message>
    <message>
        <source>Certificates and trusted lists (*.pem *.crt *.cer *.der *.xml);;All files (*)</source>
        <translation>Сертификаты и доверенные списки (*.pem *.crt *.cer *.der *.xml);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Remove from trust</source>
        <translation>Удалить из доверенных</translation>
    </message>
    <message>
        <source>Stop trusting %1? The file is deleted from your trust folder %2.</source>
        <translation>Перестать доверять %1? Файл будет удалён из вашей папки доверия %2.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Files you add are copied to %1.</source>
        <translation>Добавляемые файлы копируются в %1.</translation>
    </message>
    <message>
        <source>%1 does not exist: verification stops with an error until it does. Adding a file creates it.</source>
        <translation>%1 не существует: пока её нет, проверка завершается ошибкой. Она будет создана при добавлении файла.</translation>
    </message>
    <message>
        <source>Files you add are copied to %1 (created when you add the first one).</source>
        <translation>Добавляемые файлы копируются в %1 (папка создаётся при добавлении первого файла).</translation>
    </message>
    <message>
        <source>Nothing is trusted yet: add a root certificate or a trusted list.</source>
        <translation>Пока ничему не доверяют: добавьте корневой сертификат или доверенный список.</translation>
    </message>
    <message>
        <source>Root certificate</source>
        <translation>Корневой сертификат</translation>
    </message>
    <message>
        <source>Trusted list</source>
        <translation>Доверенный список</translation>
    </message>
    <message>
        <source>Trusted-list signer</source>
        <translation>Подписант доверенного списка</translation>
    </message>
    <message>
        <source>next update %1</source>
        <translation>следующее обновление %1</translation>
    </message>
    <message>
        <source>Bundled with Imza</source>
        <translation>Поставляется с Imza</translation>
    </message>
    <message>
        <source>Your folder</source>
        <translation>Ваша папка</translation>
    </message>
    <message>
        <source>Not used</source>
        <translation>Не используется</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Срок истёк</translation>
    </message>
    <message>
        <source>Trusted</source>
        <translation>Доверенный</translation>
    </message>
    <message>
        <source>Not used: %1.</source>
        <translation>Не используется: %1.</translation>
    </message>
    <message>
        <source>Comes with Imza; it cannot be removed here.</source>
        <translation>Поставляется с Imza; здесь его нельзя удалить.</translation>
    </message>
    <message>
        <source>Listed service</source>
        <translation>Служба из списка</translation>
    </message>
    <message>
        <source>Files that come with Imza cannot be removed.</source>
        <translation>Файлы, поставляемые с Imza, удалить нельзя.</translation>
    </message>
</context>
<context>
    <name>TrustSetup</name>
    <message>
        <source>The root certificate of your certification centre</source>
        <translation>Корневой сертификат вашего удостоверяющего центра</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Все файлы (*)</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der)</source>
        <translation>Сертификаты (*.pem *.crt *.cer *.der)</translation>
    </message>
</context>
<context>
    <name>VerificationView</name>
    <message>
        <source>Open a signed document to see its signatures.</source>
        <translation>Откройте подписанный документ, чтобы увидеть его подписи.</translation>
    </message>
    <message>
        <source>Verifying %1…</source>
        <translation>Проверка %1…</translation>
    </message>
    <message>
        <source>Verification cancelled. Press Verify (Ctrl+Shift+V) to run it again.</source>
        <translation>Проверка отменена. Нажмите «Проверить» (Ctrl+Shift+V), чтобы запустить её снова.</translation>
    </message>
    <message>
        <source>This file holds no signatures. Sign it to make a detached .p7s signature beside it; open that .p7s to verify it.</source>
        <translation>В этом файле нет подписей. При подписании рядом появится отдельная подпись .p7s; чтобы проверить её, откройте этот .p7s.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Signatures&lt;/b&gt;</source>
        <translation>&lt;b&gt;Подписи&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation>&amp;Экспорт отчёта…</translation>
    </message>
    <message>
        <source>Save this verification report as HTML or PDF</source>
        <translation>Сохранить отчёт о проверке в HTML или PDF</translation>
    </message>
    <message>
        <source>This document is not signed. Press Sign (Ctrl+S) to sign it.</source>
        <translation>Документ не подписан. Нажмите «Подписать» (Ctrl+S), чтобы подписать его.</translation>
    </message>
    <message>
        <source>The file this signature signs, %1, is not beside it. Choose it to check the signature.</source>
        <translation>Файл, который подписывает эта подпись, %1, не лежит рядом с ней. Выберите его, чтобы проверить подпись.</translation>
    </message>
    <message>
        <source>not covered by any signature</source>
        <translation>не покрыт ни одной подписью</translation>
    </message>
    <message numerus="yes">
        <source>%1 bytes</source>
        <translation>
            <numerusform>%1 байт</numerusform>
            <numerusform>%1 байта</numerusform>
            <numerusform>%1 байт</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Choose the signed file…</source>
        <translation>&amp;Выбрать подписанный файл…</translation>
    </message>
    <message>
        <source>&amp;Files in this container</source>
        <translation>&amp;Файлы в этом контейнере</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Подписал</translation>
    </message>
    <message>
        <source>Files in this container</source>
        <translation>Файлы в этом контейнере</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Открыть</translation>
    </message>
    <message>
        <source>Open a copy of this file with the system's viewer</source>
        <translation>Открыть копию этого файла в программе просмотра системы</translation>
    </message>
    <message>
        <source>Sa&amp;ve…</source>
        <translation>Со&amp;хранить…</translation>
    </message>
    <message>
        <source>Save a copy of this file</source>
        <translation>Сохранить копию этого файла</translation>
    </message>
    <message>
        <source>Signatures and their verdicts</source>
        <translation>Подписи и их результаты проверки</translation>
    </message>
    <message>
        <source>One row per signature: the verdict, who signed and when. The details of the selected one are shown below.</source>
        <translation>Одна строка на подпись: результат, кто и когда подписал. Подробности выбранной подписи показаны ниже.</translation>
    </message>
    <message>
        <source>Details of the selected signature</source>
        <translation>Подробности выбранной подписи</translation>
    </message>
    <message>
        <source>The checks made, the certificate chain and the time-stamps.</source>
        <translation>Выполненные проверки, цепочка сертификатов и метки времени.</translation>
    </message>
    <message>
        <source>Verification summary</source>
        <translation>Итог проверки</translation>
    </message>
</context>
</TS>
