<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="az" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Imza</source>
        <translation>Imza haqqında</translation>
    </message>
    <message>
        <source>Sign and verify documents with the e-signature certificate on your ID card or USB token. PDF documents get PAdES signatures; other files a detached CAdES signature (.p7s); several files go into one ASiC-E container.</source>
        <translation>Şəxsiyyət vəsiqənizdəki və ya USB tokeninizdəki elektron imza sertifikatı ilə sənədləri imzalayın və yoxlayın. PDF sənədlər PAdES imzası, digər fayllar ayrıca CAdES imzası (.p7s) alır; bir neçə fayl bir ASiC-E konteynerinə yerləşdirilir.</translation>
    </message>
    <message>
        <source>Settings:</source>
        <translation>Parametrlər:</translation>
    </message>
    <message>
        <source>Log:</source>
        <translation>Jurnal:</translation>
    </message>
    <message>
        <source>Built with:</source>
        <translation>İstifadə olunub:</translation>
    </message>
    <message>
        <source>Licence:</source>
        <translation>Lisenziya:</translation>
    </message>
    <message>
        <source>Your PIN is never stored or logged. Documents are checked on this computer; the network is used only for time-stamps, for revocation data when you ask for an online check, and for the portal when you submit.</source>
        <translation>PIN-iniz heç vaxt saxlanılmır və jurnala yazılmır. Sənədlər bu kompüterdə yoxlanılır; şəbəkədən yalnız vaxt möhürləri, onlayn yoxlama istədikdə ləğvetmə məlumatları və göndərdikdə portal üçün istifadə olunur.</translation>
    </message>
</context>
<context>
    <name>AddRootDialog</name>
    <message>
        <source>Name:</source>
        <translation>Ad:</translation>
    </message>
    <message>
        <source>Issued by:</source>
        <translation>Verən:</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>SHA-256 barmaq izi:</translation>
    </message>
    <message>
        <source>Valid until:</source>
        <translation>Bitmə tarixi:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Fayl:</translation>
    </message>
    <message>
        <source>This certificate is not a root (it was issued by another centre). A centre's root certificate is usually what should be trusted.</source>
        <translation>Bu sertifikat kök sertifikat deyil (onu başqa mərkəz verib). Adətən mərkəzin kök sertifikatına etibar edilməlidir.</translation>
    </message>
    <message>
        <source>&amp;Trust this centre</source>
        <translation>Bu mərkəzə &amp;etibar et</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint</source>
        <translation>SHA-256 barmaq izi</translation>
    </message>
    <message>
        <source>Trust this certification centre?</source>
        <translation>Bu sertifikatlaşdırma mərkəzinə etibar edilsin?</translation>
    </message>
    <message>
        <source>Compare the fingerprint below with the one your certification centre publishes (on its website or on paper). Trust the certificate only if they are the same: every signature made under this centre will then be accepted.</source>
        <translation>Aşağıdakı barmaq izini sertifikatlaşdırma mərkəzinizin dərc etdiyi ilə (saytında və ya kağızda) müqayisə edin. Sertifikata yalnız onlar eyni olduqda etibar edin: bundan sonra bu mərkəzin altında verilmiş hər imza qəbul ediləcək.</translation>
    </message>
</context>
<context>
    <name>BulkView</name>
    <message>
        <source>Folder: %1</source>
        <translation>Qovluq: %1</translation>
    </message>
    <message>
        <source>Letters to sign</source>
        <translation>İmzalanacaq məktublar</translation>
    </message>
    <message>
        <source>A folder of letters to sign</source>
        <translation>İmzalanacaq məktublar qovluğu</translation>
    </message>
    <message>
        <source>Folder for the signed letters</source>
        <translation>İmzalanmış məktublar üçün qovluq</translation>
    </message>
    <message>
        <source>Resume bulk signing?</source>
        <translation>Toplu imzalama davam etdirilsin?</translation>
    </message>
    <message numerus="yes">
        <source>An unfinished run was found in this folder: %1 of %n letters are signed.

Resume it? Letters already signed are not signed again.</source>
        <translation>
            <numerusform>Bu qovluqda yarımçıq qalmış iş tapıldı: imzalanıb %1 / %n məktub.

Davam etdirilsin? Artıq imzalanmış məktublar yenidən imzalanmır.</numerusform>
            <numerusform>Bu qovluqda yarımçıq qalmış iş tapıldı: imzalanıb %1 / %n məktub.

Davam etdirilsin? Artıq imzalanmış məktublar yenidən imzalanmır.</numerusform>
        </translation>
    </message>
    <message>
        <source>Bulk signing</source>
        <translation>Toplu imzalama</translation>
    </message>
    <message>
        <source>Add letters or folders, choose the folder for the signed letters and a signing certificate first.</source>
        <translation>Əvvəlcə məktubları və ya qovluqları əlavə edin, imzalanmış məktublar üçün qovluq və imza sertifikatı seçin.</translation>
    </message>
    <message>
        <source>&amp;Sign all</source>
        <translation>&amp;Hamısını imzala</translation>
    </message>
    <message>
        <source>Insert the token and choose a certificate.</source>
        <translation>Tokeni taxın və sertifikat seçin.</translation>
    </message>
    <message>
        <source>Signing…</source>
        <translation>İmzalanır…</translation>
    </message>
    <message>
        <source>Pausing after the letters being signed…</source>
        <translation>İmzalanan məktublardan sonra fasilə verilir…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Dayandırılır…</translation>
    </message>
    <message>
        <source>Cancelled. The letters not signed are listed in the report.</source>
        <translation>Ləğv edildi. İmzalanmamış məktublar hesabatda göstərilib.</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 signed, %2 failed, %3 left.</source>
        <translation>%1 imzalandı, %2 uğursuz, %3 qaldı.</translation>
    </message>
    <message>
        <source>The token stopped answering (was it pulled out?). %1
Insert it again: signing continues when it is back, after you enter the PIN.</source>
        <translation>Token cavab vermir (çıxarılıb?). %1
Onu yenidən taxın: token geri qayıdanda PIN daxil etdikdən sonra imzalama davam edəcək.</translation>
    </message>
    <message>
        <source>Paused. %1 Resume continues with the rest.</source>
        <translation>Fasilə. %1 «Davam et» qalanları imzalayacaq.</translation>
    </message>
    <message>
        <source>Finished. %1</source>
        <translation>Bitdi. %1</translation>
    </message>
    <message>
        <source>PIN not accepted</source>
        <translation>PIN qəbul olunmadı</translation>
    </message>
    <message>
        <source>The token is back.</source>
        <translation>Token geri qayıtdı.</translation>
    </message>
    <message>
        <source>The token is back: enter its PIN once to continue.</source>
        <translation>Token geri qayıtdı: davam etmək üçün PIN-i bir dəfə daxil edin.</translation>
    </message>
    <message>
        <source>%1 of %2 · %3 letters/s · about %4 s left</source>
        <translation>%1 / %2 · %3 məktub/san · təxminən %4 san qalıb</translation>
    </message>
    <message>
        <source>Bulk signing — Imza</source>
        <translation>Toplu imzalama — Imza</translation>
    </message>
    <message>
        <source>&amp;Letters and folders to sign (drop them here):</source>
        <translation>İmzalanacaq &amp;məktublar və qovluqlar (bura atın):</translation>
    </message>
    <message>
        <source>Signed letters &amp;go to:</source>
        <translation>İmzalanmış məktublar &amp;qovluğu:</translation>
    </message>
    <message>
        <source>&amp;Certificate:</source>
        <translation>&amp;Sertifikat:</translation>
    </message>
    <message>
        <source>Le&amp;vel:</source>
        <translation>Sə&amp;viyyə:</translation>
    </message>
    <message>
        <source>&amp;Queue:</source>
        <translation>&amp;Növbə:</translation>
    </message>
    <message>
        <source>Add &amp;files…</source>
        <translation>&amp;Fayl əlavə et…</translation>
    </message>
    <message>
        <source>Add f&amp;older…</source>
        <translation>Q&amp;ovluq əlavə et…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>S&amp;il</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>S&amp;eç…</translation>
    </message>
    <message>
        <source>&amp;Sign all…</source>
        <translation>&amp;Hamısını imzala…</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>Fasil&amp;ə</translation>
    </message>
    <message>
        <source>Res&amp;ume…</source>
        <translation>&amp;Davam et…</translation>
    </message>
    <message>
        <source>Ca&amp;ncel run</source>
        <translation>İşi &amp;ləğv et</translation>
    </message>
    <message>
        <source>Open repor&amp;t</source>
        <translation>Hesabatı &amp;aç</translation>
    </message>
    <message>
        <source>Letters and folders to sign</source>
        <translation>İmzalanacaq məktublar və qovluqlar</translation>
    </message>
    <message>
        <source>One PIN entry signs every letter. PDFs get PAdES signatures, other files a detached .p7s.</source>
        <translation>Bir dəfə PIN daxil etməklə bütün məktublar imzalanır. PDF-lər PAdES, digər fayllar ayrıca .p7s imzası alır.</translation>
    </message>
    <message numerus="yes">
        <source>%n letters will be signed.</source>
        <translation>
            <numerusform>%n məktub imzalanacaq.</numerusform>
            <numerusform>%n məktub imzalanacaq.</numerusform>
        </translation>
    </message>
    <message>
        <source>Add the letters to sign first: Add files, Add folder, or drop them on the list.</source>
        <translation>Əvvəlcə imzalanacaq məktubları əlavə edin: «Fayl əlavə et», «Qovluq əlavə et» və ya onları siyahıya atın.</translation>
    </message>
    <message>
        <source>No signing certificate: insert your ID card or plug in your token.</source>
        <translation>İmza sertifikatı yoxdur: şəxsiyyət vəsiqənizi daxil edin və ya tokeninizi qoşun.</translation>
    </message>
    <message>
        <source>Choose the folder for the signed letters.</source>
        <translation>İmzalanmış məktublar üçün qovluq seçin.</translation>
    </message>
    <message numerus="yes">
        <source>%n letters</source>
        <translation>
            <numerusform>%n məktub</numerusform>
            <numerusform>%n məktub</numerusform>
        </translation>
    </message>
    <message>
        <source>Files and folders added with the buttons below or dropped here; folders are signed with everything in them.</source>
        <translation>Aşağıdakı düymələrlə əlavə edilmiş və ya bura atılmış fayllar və qovluqlar; qovluqlar içindəki hər şeylə birlikdə imzalanır.</translation>
    </message>
</context>
<context>
    <name>DropZone</name>
    <message>
        <source>Drop a document here to sign or check it, or choose a file</source>
        <translation>Sənədi imzalamaq və ya yoxlamaq üçün bura atın, ya da fayl seçin</translation>
    </message>
    <message>
        <source>PDF documents, signature files (.p7s) and containers (.asice), or any file to sign.</source>
        <translation>PDF sənədlər, imza faylları (.p7s) və konteynerlər (.asice), ya da imzalanacaq istənilən fayl.</translation>
    </message>
    <message>
        <source>&amp;Choose a file…</source>
        <translation>Fayl &amp;seçin…</translation>
    </message>
    <message>
        <source>Drop zone</source>
        <translation>Faylı atmaq sahəsi</translation>
    </message>
    <message>
        <source>Open a document to sign or check</source>
        <translation>İmzalamaq və ya yoxlamaq üçün sənəd açın</translation>
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
        <translation>Gözlənilməz xəta</translation>
    </message>
    <message>
        <source>Something went wrong inside Imza: %1

The details were written to %2. Please report it. Your documents were not changed by this error.</source>
        <translation>Imza daxilində xəta baş verdi: %1

Təfərrüatlar %2 faylına yazıldı. Zəhmət olmasa, bu barədə xəbər verin. Sənədləriniz bu xəta ilə dəyişdirilməyib.</translation>
    </message>
</context>
<context>
    <name>FileFactsView</name>
    <message>
        <source>This is a signed container, so it cannot be shown here. What is signed is the files inside it, listed beside the verdict: open or save each one there.</source>
        <translation>Bu, imzalanmış konteynerdir, ona görə burada göstərilə bilməz. İmzalanan onun içindəki fayllardır, onlar qərarın yanında sadalanıb: hər birini orada açın və ya saxlayın.</translation>
    </message>
    <message>
        <source>This is a signature with the signed file inside it. What is signed is that file: save it with File → Save signed content to open it.</source>
        <translation>Bu, imzalanmış faylı içində saxlayan imzadır. İmzalanan həmin fayldır: onu açmaq üçün Fayl → İmzalanmış məzmunu saxla ilə saxlayın.</translation>
    </message>
    <message>
        <source>This is a signature kept apart from the file it signs. What is signed is %1, exactly these bytes:</source>
        <translation>Bu, imzaladığı fayldan ayrı saxlanan imzadır. İmzalanan %1 faylıdır, məhz bu baytlar:</translation>
    </message>
    <message>
        <source>This is a signature kept apart from the file it signs, and that file is not beside it. What is signed is that file: choose it beside the verdict to check it. These are the signature's own bytes:</source>
        <translation>Bu, imzaladığı fayldan ayrı saxlanan imzadır və həmin fayl onun yanında deyil. İmzalanan həmin fayldır: onu yoxlamaq üçün qərarın yanında seçin. Bunlar imzanın öz baytlarıdır:</translation>
    </message>
    <message>
        <source>This file is not a PDF, so it cannot be shown here. What is signed is exactly these bytes:</source>
        <translation>Bu fayl PDF deyil, ona görə burada göstərilə bilməz. İmzalanan məhz bu baytlardır:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Ad:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Ölçü:</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Növ:</translation>
    </message>
    <message>
        <source>SHA-256:</source>
        <translation>SHA-256:</translation>
    </message>
    <message numerus="yes">
        <source>%1 bytes</source>
        <translation>
            <numerusform>%1 bayt</numerusform>
            <numerusform>%1 bayt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LetterQueue</name>
    <message>
        <source>signed</source>
        <translation>imzalandı</translation>
    </message>
    <message>
        <source>already signed</source>
        <translation>artıq imzalanıb</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>uğursuz: %1</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>gözləyir</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Məktub</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Vəziyyət</translation>
    </message>
    <message>
        <source>Queue of letters with their status</source>
        <translation>Məktubların növbəsi və vəziyyəti</translation>
    </message>
    <message>
        <source>One row per letter: waiting, signed, or failed with the reason. After a run the failed letters come first.</source>
        <translation>Hər məktub üçün bir sətir: gözləyir, imzalanıb və ya səbəbi ilə uğursuz. İşdən sonra uğursuz məktublar əvvəldə göstərilir.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in to the portal</source>
        <translation>Portala daxil olun</translation>
    </message>
    <message>
        <source>Log in with your ID card: its authentication certificate proves who you are. The portal&apos;s login is kept in the system&apos;s password store, never in a file.</source>
        <translation>Şəxsiyyət vəsiqənizlə daxil olun: onun autentifikasiya sertifikatı kim olduğunuzu təsdiq edir. Portal girişi faylda deyil, yalnız sistemin parol anbarında saxlanılır.</translation>
    </message>
    <message>
        <source>&amp;Card:</source>
        <translation>&amp;Kart:</translation>
    </message>
    <message>
        <source>&amp;PIN:</source>
        <translation>&amp;PIN:</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>&amp;Daxil ol</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Close document</source>
        <translation>Sənədi &amp;bağla</translation>
    </message>
    <message>
        <source>Save signed &amp;content…</source>
        <translation>İmzalanmış &amp;məzmunu saxla…</translation>
    </message>
    <message>
        <source>Save the signed content</source>
        <translation>İmzalanmış məzmunu saxla</translation>
    </message>
    <message>
        <source>The signed content could not be saved: %1</source>
        <translation>İmzalanmış məzmun saxlanıla bilmədi: %1</translation>
    </message>
    <message>
        <source>Signed content saved to %1</source>
        <translation>İmzalanmış məzmun %1 faylına saxlanıldı</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Saxla</translation>
    </message>
    <message>
        <source>Imza — sign and verify documents</source>
        <translation>Imza — sənədləri imzalayın və yoxlayın</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fayl</translation>
    </message>
    <message>
        <source>&amp;Document</source>
        <translation>&amp;Sənəd</translation>
    </message>
    <message>
        <source>&amp;Token</source>
        <translation>&amp;Token</translation>
    </message>
    <message>
        <source>&amp;Portal</source>
        <translation>&amp;Portal</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Kömək</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Əsas alətlər paneli</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Aç…</translation>
    </message>
    <message>
        <source>&amp;Sign…</source>
        <translation>&amp;İmzala…</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>&amp;Yoxla</translation>
    </message>
    <message>
        <source>Verify &amp;offline (no network)</source>
        <translation>&amp;Oflayn yoxla (şəbəkəsiz)</translation>
    </message>
    <message>
        <source>&amp;Place visible signature</source>
        <translation>Görünən imzanı &amp;yerləşdir</translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation>Hesabatı &amp;ixrac et…</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>&amp;Parametrlər…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Çı&amp;xış</translation>
    </message>
    <message>
        <source>&amp;Change PIN…</source>
        <translation>PIN-i &amp;dəyiş…</translation>
    </message>
    <message>
        <source>&amp;Unblock PIN…</source>
        <translation>PIN-i &amp;blokdan çıxar…</translation>
    </message>
    <message>
        <source>&amp;About Imza</source>
        <translation>Imza &amp;haqqında</translation>
    </message>
    <message>
        <source>&amp;Bulk signing…</source>
        <translation>&amp;Toplu imzalama…</translation>
    </message>
    <message>
        <source>&amp;Submit to the portal…</source>
        <translation>Portala &amp;göndər…</translation>
    </message>
    <message>
        <source>&amp;Outbox</source>
        <translation>&amp;Göndərilənlər</translation>
    </message>
    <message>
        <source>&amp;Log in with the card…</source>
        <translation>Kartla &amp;daxil ol…</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>Portaldan ç&amp;ıx</translation>
    </message>
    <message>
        <source>&lt;b&gt;Documents&lt;/b&gt;</source>
        <translation>&lt;b&gt;Sənədlər&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Open documents</source>
        <translation>Açıq sənədlər</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Ləğv et</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>İcra olunur…</translation>
    </message>
    <message>
        <source>Documents (*.pdf *.p7s);;All files (*)</source>
        <translation>Sənədlər (*.pdf *.p7s);;Bütün fayllar (*)</translation>
    </message>
    <message>
        <source>%1 — Imza</source>
        <translation>%1 — Imza</translation>
    </message>
    <message>
        <source>Verifying %1…</source>
        <translation>%1 yoxlanılır…</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>İmzala</translation>
    </message>
    <message>
        <source>Open the document to sign first (Ctrl+O).</source>
        <translation>Əvvəlcə imzalanacaq sənədi açın (Ctrl+O).</translation>
    </message>
    <message>
        <source>Export verification report</source>
        <translation>Yoxlama hesabatını ixrac et</translation>
    </message>
    <message>
        <source>HTML (*.html);;PDF (*.pdf)</source>
        <translation>HTML (*.html);;PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>İxrac</translation>
    </message>
    <message>
        <source>The report could not be saved: %1</source>
        <translation>Hesabatı saxlamaq mümkün olmadı: %1</translation>
    </message>
    <message>
        <source>Report saved to %1</source>
        <translation>Hesabat saxlanıldı: %1</translation>
    </message>
    <message>
        <source>About Imza</source>
        <translation>Imza haqqında</translation>
    </message>
    <message>
        <source>&lt;b&gt;Imza %1&lt;/b&gt;&lt;p&gt;Sign and verify documents with the e-signature certificate on your ID card or USB token.&lt;/p&gt;&lt;p&gt;PDF documents get PAdES signatures; other files a detached CAdES signature (.p7s).&lt;/p&gt;</source>
        <translation>&lt;b&gt;Imza %1&lt;/b&gt;&lt;p&gt;Şəxsiyyət vəsiqənizdəki və ya USB tokeninizdəki elektron imza sertifikatı ilə sənədləri imzalayın və yoxlayın.&lt;/p&gt;&lt;p&gt;PDF sənədlərinə PAdES imzası, digər fayllara ayrıca CAdES imzası (.p7s) verilir.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Check &amp;online (fetch missing revocation data)</source>
        <translation>&amp;Onlayn yoxla (çatışmayan ləğvetmə məlumatlarını al)</translation>
    </message>
    <message>
        <source>All supported (*.pdf *.p7s *.p7m *.asice *.sce)</source>
        <translation>Bütün dəstəklənənlər (*.pdf *.p7s *.p7m *.asice *.sce)</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF sənədləri (*.pdf)</translation>
    </message>
    <message>
        <source>Detached or enveloping signatures (*.p7s *.p7m)</source>
        <translation>Ayrılmış və ya zərfli imzalar (*.p7s *.p7m)</translation>
    </message>
    <message>
        <source>Signed containers, ASiC-E (*.asice *.sce)</source>
        <translation>İmzalı konteynerlər, ASiC-E (*.asice *.sce)</translation>
    </message>
    <message>
        <source>Any file to sign (*)</source>
        <translation>İmzalanacaq istənilən fayl (*)</translation>
    </message>
    <message>
        <source>%1 is still being checked. Sign it when the check has finished.</source>
        <translation>%1 hələ yoxlanılır. Yoxlama bitəndə imzalayın.</translation>
    </message>
    <message>
        <source>Choose the file that %1 signs</source>
        <translation>%1 imzasının imzaladığı faylı seçin</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Bütün fayllar (*)</translation>
    </message>
    <message>
        <source>Save %1</source>
        <translation>%1 yadda saxla</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 yadda saxlanıldı</translation>
    </message>
    <message>
        <source>%1 is now trusted.</source>
        <translation>%1 artıq etibarlıdır.</translation>
    </message>
    <message>
        <source>The selected document is shown in the middle, its signatures on the right.</source>
        <translation>Seçilmiş sənəd ortada, onun imzaları sağda göstərilir.</translation>
    </message>
</context>
<context>
    <name>OutboxView</name>
    <message>
        <source>Save the portal&apos;s receipt</source>
        <translation>Portalın qəbzini saxla</translation>
    </message>
    <message>
        <source>CMS (*.p7s)</source>
        <translation>CMS (*.p7s)</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Qəbz</translation>
    </message>
    <message>
        <source>Outbox — Imza</source>
        <translation>Göndərilənlər — Imza</translation>
    </message>
    <message>
        <source>Logged in to the portal as %1.</source>
        <translation>Portala %1 kimi daxil olunub.</translation>
    </message>
    <message>
        <source>Submissions to the portal, newest first. Statuses are refreshed every few seconds while this window is open.</source>
        <translation>Portala göndərişlər, ən yenisi əvvəldə. Bu pəncərə açıq olduqca vəziyyətlər bir neçə saniyədən bir yenilənir.</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Qeyd</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Növbəyə alınıb</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Kimə</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Mövzu</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Vəziyyət</translation>
    </message>
    <message>
        <source>Outbox entries</source>
        <translation>Göndərilənlərin qeydləri</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Yenilə</translation>
    </message>
    <message>
        <source>Send &amp;again</source>
        <translation>&amp;Yenidən göndər</translation>
    </message>
    <message>
        <source>&amp;Cancel entry</source>
        <translation>Qeydi &amp;ləğv et</translation>
    </message>
    <message>
        <source>Save r&amp;eceipt…</source>
        <translation>Qəbzi &amp;saxla…</translation>
    </message>
    <message>
        <source>&amp;Log in with the card…</source>
        <translation>Kartla &amp;daxil ol…</translation>
    </message>
</context>
<context>
    <name>PageView</name>
    <message>
        <source>Signature</source>
        <translation>İmza</translation>
    </message>
</context>
<context>
    <name>PinChangeDialog</name>
    <message>
        <source>Unblock PIN</source>
        <translation>PIN-i blokdan çıxar</translation>
    </message>
    <message>
        <source>Change PIN</source>
        <translation>PIN-i dəyiş</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>&amp;PUK (SO PIN):</source>
        <translation>&amp;PUK (SO PIN):</translation>
    </message>
    <message>
        <source>&amp;Current PIN:</source>
        <translation>&amp;Cari PIN:</translation>
    </message>
    <message>
        <source>&amp;New PIN:</source>
        <translation>&amp;Yeni PIN:</translation>
    </message>
    <message>
        <source>&amp;Repeat new PIN:</source>
        <translation>Yeni PIN-i &amp;təkrarlayın:</translation>
    </message>
    <message>
        <source>PIN length rules of this token: checking…</source>
        <translation>Bu tokenin PIN uzunluğu qaydaları: yoxlanılır…</translation>
    </message>
    <message>
        <source>&amp;Unblock</source>
        <translation>&amp;Blokdan çıxar</translation>
    </message>
    <message>
        <source>C&amp;hange</source>
        <translation>&amp;Dəyiş</translation>
    </message>
    <message>
        <source>PIN length rules of this token: unknown. The token refuses a PIN of the wrong length.</source>
        <translation>Bu tokenin PIN uzunluğu qaydaları: naməlum. Token uzunluğu yanlış olan PIN-i qəbul etmir.</translation>
    </message>
    <message>
        <source>PIN length rules of this token: %1 to %2 characters.</source>
        <translation>Bu tokenin PIN uzunluğu qaydaları: %1–%2 simvol.</translation>
    </message>
    <message>
        <source>No token whose PIN can be changed here is present.</source>
        <translation>PIN-i burada dəyişdirilə bilən token yoxdur.</translation>
    </message>
    <message>
        <source>The two new PINs differ.</source>
        <translation>İki yeni PIN üst-üstə düşmür.</translation>
    </message>
    <message>
        <source>The new PIN is too short.</source>
        <translation>Yeni PIN çox qısadır.</translation>
    </message>
    <message>
        <source>The new PIN is too long.</source>
        <translation>Yeni PIN çox uzundur.</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Enter PIN</source>
        <translation>PIN daxil edin</translation>
    </message>
    <message>
        <source>&amp;PIN:</source>
        <translation>&amp;PIN:</translation>
    </message>
    <message>
        <source>&amp;Sign</source>
        <translation>&amp;İmzala</translation>
    </message>
    <message>
        <source>Enter the PIN of &lt;b&gt;%1&lt;/b&gt;%2.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;%2 üçün PIN daxil edin.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; is in a reader with a PIN pad. After you press the button below, type your PIN on the reader, not on the keyboard.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; PIN klaviaturalı oxuyucudadır. Aşağıdakı düyməni basdıqdan sonra PIN-i klaviaturada deyil, oxuyucuda yığın.</translation>
    </message>
    <message>
        <source>The PIN is blocked. Unblock it with the PUK first.</source>
        <translation>PIN bloklanıb. Əvvəlcə onu PUK ilə blokdan çıxarın.</translation>
    </message>
    <message>
        <source>Tries left: 1. This is the final try: a wrong PIN now blocks the PIN.</source>
        <translation>Qalan cəhd: 1. Bu son cəhddir: yanlış PIN indi PIN-i bloklayacaq.</translation>
    </message>
    <message>
        <source>A wrong PIN was entered before: few tries may be left.</source>
        <translation>Əvvəl yanlış PIN daxil edilib: az cəhd qala bilər.</translation>
    </message>
    <message>
        <source>Tries left: not reported by this token. Imza never retries a PIN by itself.</source>
        <translation>Qalan cəhdlər: bu token bildirmir. Imza PIN-i heç vaxt özü təkrar yoxlamır.</translation>
    </message>
    <message>
        <source>Signing: %1</source>
        <translation>İmzalanır: %1</translation>
    </message>
    <message>
        <source>As: %1</source>
        <translation>Kimin adından: %1</translation>
    </message>
</context>
<context>
    <name>PortalController</name>
    <message>
        <source>Logging in to the portal…</source>
        <translation>Portala daxil olunur…</translation>
    </message>
    <message>
        <source>Logged in to the portal as %1.</source>
        <translation>Portala %1 kimi daxil olunub.</translation>
    </message>
    <message>
        <source>Portal login failed</source>
        <translation>Portala giriş alınmadı</translation>
    </message>
    <message>
        <source>Checking and sending…</source>
        <translation>Yoxlanılır və göndərilir…</translation>
    </message>
    <message>
        <source>Outbox entry %1: %2</source>
        <translation>Göndərilənlər, qeyd %1: %2</translation>
    </message>
    <message>
        <source>Not sent yet</source>
        <translation>Hələ göndərilməyib</translation>
    </message>
    <message>
        <source>%1

It stays in the outbox as entry %2 and is sent again from there.</source>
        <translation>%1

O, göndərilənlərdə %2 nömrəli qeyd kimi qalır və oradan yenidən göndəriləcək.</translation>
    </message>
    <message>
        <source>Entry %1: %2</source>
        <translation>Qeyd %1: %2</translation>
    </message>
    <message>
        <source>Logged in to the portal as %1, until this window closes (there is no password store to keep the login in).</source>
        <translation>Portala %1 kimi daxil olunub, bu pəncərə bağlanana qədər (girişi saxlamaq üçün parol anbarı yoxdur).</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <source>Previous page (Page Up)</source>
        <translation>Əvvəlki səhifə (Page Up)</translation>
    </message>
    <message>
        <source>Next page (Page Down)</source>
        <translation>Növbəti səhifə (Page Down)</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Əvvəlki səhifə</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Növbəti səhifə</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Səhifə</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>Böyüt (Ctrl++)</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>Kiçilt (Ctrl+-)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Böyüt</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Kiçilt</translation>
    </message>
    <message>
        <source>Place signature</source>
        <translation>İmzanı yerləşdir</translation>
    </message>
    <message>
        <source>Drag a rectangle on the page where the visible signature goes (keyboard: Enter, then arrows; Shift+arrows resize)</source>
        <translation>Görünən imzanın yeri üçün səhifədə düzbucaqlı çəkin (klaviatura: Enter, sonra oxlar; Shift+oxlar ölçünü dəyişir)</translation>
    </message>
    <message>
        <source>Remove box</source>
        <translation>Çərçivəni sil</translation>
    </message>
    <message>
        <source>Page preview</source>
        <translation>Səhifəyə baxış</translation>
    </message>
    <message>
        <source>Open a document (Ctrl+O) or drop it on this window.
Signed documents are verified as soon as they open.</source>
        <translation>Sənədi açın (Ctrl+O) və ya bu pəncərəyə sürükləyin.
İmzalı sənədlər açılan kimi yoxlanılır.</translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>/ %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Parametrlər</translation>
    </message>
    <message>
        <source>Automatic (found on this computer)</source>
        <translation>Avtomatik (bu kompüterdə tapılan)</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Seç…</translation>
    </message>
    <message>
        <source>Looking for PKCS#11 modules…</source>
        <translation>PKCS#11 modulları axtarılır…</translation>
    </message>
    <message>
        <source>Automatic: B-T with a time-stamping service, else B-B</source>
        <translation>Avtomatik: vaxt möhürü xidməti varsa B-T, yoxsa B-B</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Sistem dili</translation>
    </message>
    <message>
        <source>PKCS#11 &amp;module:</source>
        <translation>PKCS#11 &amp;modulu:</translation>
    </message>
    <message>
        <source>Modules found:</source>
        <translation>Tapılan modullar:</translation>
    </message>
    <message>
        <source>&amp;Time-stamping service (TSA):</source>
        <translation>&amp;Vaxt möhürü xidməti (TSA):</translation>
    </message>
    <message>
        <source>Default &amp;level:</source>
        <translation>Standart &amp;səviyyə:</translation>
    </message>
    <message>
        <source>L&amp;anguage:</source>
        <translation>&amp;Dil:</translation>
    </message>
    <message>
        <source>PINs are never stored: Imza asks for the PIN every time it signs.</source>
        <translation>PIN heç vaxt saxlanmır: Imza hər imzalamada PIN-i soruşur.</translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation>Ümum&amp;i</translation>
    </message>
    <message>
        <source>Tr&amp;ust</source>
        <translation>E&amp;tibar</translation>
    </message>
    <message>
        <source>None. Install your card&apos;s software (for most ID cards: OpenSC).</source>
        <translation>Yoxdur. Kartınızın proqram təminatını quraşdırın (əksər şəxsiyyət vəsiqələri üçün: OpenSC).</translation>
    </message>
    <message>
        <source>loaded</source>
        <translation>yükləndi</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>xəta: %1</translation>
    </message>
    <message>
        <source>PKCS#11 module</source>
        <translation>PKCS#11 modulu</translation>
    </message>
    <message>
        <source>Libraries (*.so *.so.* *.dylib *.dll);;All files (*)</source>
        <translation>Kitabxanalar (*.so *.so.* *.dylib *.dll);;Bütün fayllar (*)</translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <source>&amp;Image:</source>
        <translation>Şə&amp;kil:</translation>
    </message>
    <message>
        <source>Choose image…</source>
        <translation>Şəkil seçin…</translation>
    </message>
    <message>
        <source>No image</source>
        <translation>Şəkilsiz</translation>
    </message>
    <message>
        <source>None (optional)</source>
        <translation>Yoxdur (istəyə görə)</translation>
    </message>
    <message>
        <source>A seal or a handwritten signature (PNG, JPEG or PDF), drawn faintly behind the words of the visible signature.</source>
        <translation>Görünən imzanın sözlərinin arxasında solğun çəkilən möhür və ya əl ilə imza (PNG, JPEG və ya PDF).</translation>
    </message>
    <message>
        <source>Image for the visible signature</source>
        <translation>Görünən imza üçün şəkil</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.pdf)</source>
        <translation>Şəkillər (*.png *.jpg *.jpeg *.pdf)</translation>
    </message>
    <message>
        <source>Sign %1</source>
        <translation>%1 imzala</translation>
    </message>
    <message>
        <source>%1 — %2 (valid until %3)</source>
        <translation>%1 — %2 (%3 tarixinədək etibarlı)</translation>
    </message>
    <message>
        <source>PAdES: signature inside the PDF</source>
        <translation>PAdES: imza PDF-in içində</translation>
    </message>
    <message>
        <source>CAdES: detached signature file (.p7s)</source>
        <translation>CAdES: ayrıca imza faylı (.p7s)</translation>
    </message>
    <message>
        <source>B-B: basic signature</source>
        <translation>B-B: əsas imza</translation>
    </message>
    <message>
        <source>B-T: with a trusted time-stamp</source>
        <translation>B-T: etibarlı vaxt möhürü ilə</translation>
    </message>
    <message>
        <source>B-LT: with validation data, for long-term checks</source>
        <translation>B-LT: uzunmüddətli yoxlama üçün yoxlama məlumatı ilə</translation>
    </message>
    <message>
        <source>B-LTA: with an archive time-stamp</source>
        <translation>B-LTA: arxiv vaxt möhürü ilə</translation>
    </message>
    <message>
        <source>Needs a time-stamping service: set one in Settings.</source>
        <translation>Vaxt möhürü xidməti lazımdır: Parametrlərdə təyin edin.</translation>
    </message>
    <message>
        <source>&amp;Certificate:</source>
        <translation>&amp;Sertifikat:</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>&amp;Səviyyə:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Səbəb:</translation>
    </message>
    <message>
        <source>L&amp;ocation:</source>
        <translation>&amp;Yer:</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>Nəticə faylı:</translation>
    </message>
    <message>
        <source>No certificate fit for signing is present. Insert your ID card or token; authentication and expired certificates cannot sign.</source>
        <translation>İmzalamaq üçün yararlı sertifikat yoxdur. Şəxsiyyət vəsiqənizi və ya tokeninizi taxın; autentifikasiya və müddəti bitmiş sertifikatlarla imzalamaq olmaz.</translation>
    </message>
    <message>
        <source>&amp;Next: PIN…</source>
        <translation>&amp;Növbəti: PIN…</translation>
    </message>
    <message>
        <source>&amp;Visible signature on page %1, in the box drawn on the preview</source>
        <translation>&amp;Görünən imza: səhifə %1, baxışda çəkilmiş çərçivədə</translation>
    </message>
    <message>
        <source>&amp;Visible signature</source>
        <translation>&amp;Görünən imza</translation>
    </message>
    <message>
        <source>To add a visible signature, press “Place signature” above the page and drag a rectangle where it should go.</source>
        <translation>Görünən imza əlavə etmək üçün səhifənin üstündəki “İmzanı yerləşdir” düyməsini basın və imzanın yerində düzbucaqlı çəkin.</translation>
    </message>
</context>
<context>
    <name>SigningFlow</name>
    <message>
        <source>Replace the signed file?</source>
        <translation>İmzalanmış fayl əvəz edilsin?</translation>
    </message>
    <message>
        <source>%1

Replace it with the new signed document?</source>
        <translation>%1

Yeni imzalanmış sənədlə əvəz edilsin?</translation>
    </message>
    <message>
        <source>Signing…</source>
        <translation>İmzalanır…</translation>
    </message>
    <message>
        <source>Type your PIN on the reader&apos;s PIN pad…</source>
        <translation>PIN-i oxuyucunun klaviaturasında yığın…</translation>
    </message>
    <message>
        <source>Signing cancelled.</source>
        <translation>İmzalama ləğv edildi.</translation>
    </message>
    <message>
        <source>Signed: %1</source>
        <translation>İmzalandı: %1</translation>
    </message>
    <message>
        <source>PIN not accepted</source>
        <translation>PIN qəbul olunmadı</translation>
    </message>
    <message>
        <source>The PIN of %1 was unblocked and set to the new PIN.</source>
        <translation>%1 PIN-i blokdan çıxarıldı və yeni PIN təyin edildi.</translation>
    </message>
    <message>
        <source>The PIN of %1 was changed.</source>
        <translation>%1 PIN-i dəyişdirildi.</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>PIN not changed</source>
        <translation>PIN dəyişdirilmədi</translation>
    </message>
    <message>
        <source>Sign a document that is not valid?</source>
        <translation>Etibarsız sənəd imzalansın?</translation>
    </message>
    <message>
        <source>%1

%2

Your signature would stand beside this. Others may not rely on the document; ask its sender for a valid copy before you sign it.</source>
        <translation>%1

%2

Sizin imzanız bunun yanında olacaq. Başqaları bu sənədə etibar etməyə bilər; imzalamazdan əvvəl göndərəndən etibarlı nüsxə istəyin.</translation>
    </message>
    <message>
        <source>Do&amp;n't sign</source>
        <translation>İ&amp;mzalama</translation>
    </message>
    <message>
        <source>Sign &amp;anyway</source>
        <translation>&amp;Yenə də imzala</translation>
    </message>
    <message numerus="yes">
        <source>%n documents</source>
        <translation>
            <numerusform>%n sənəd</numerusform>
            <numerusform>%n sənəd</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SubmitDialog</name>
    <message>
        <source>Submit to the portal</source>
        <translation>Portala göndər</translation>
    </message>
    <message>
        <source>Documents: %1</source>
        <translation>Sənədlər: %1</translation>
    </message>
    <message>
        <source>An e-service (application)</source>
        <translation>E-xidmət (müraciət)</translation>
    </message>
    <message>
        <source>An organisation (letter)</source>
        <translation>Təşkilat (məktub)</translation>
    </message>
    <message>
        <source>Type to search by name or id</source>
        <translation>Ad və ya identifikatorla axtarın</translation>
    </message>
    <message>
        <source>Send &amp;to:</source>
        <translation>&amp;Kimə:</translation>
    </message>
    <message>
        <source>Searc&amp;h:</source>
        <translation>&amp;Axtarış:</translation>
    </message>
    <message>
        <source>&amp;Recipient:</source>
        <translation>A&amp;lıcı:</translation>
    </message>
    <message>
        <source>S&amp;ubject:</source>
        <translation>&amp;Mövzu:</translation>
    </message>
    <message>
        <source>R&amp;eference:</source>
        <translation>&amp;İstinad nömrəsi:</translation>
    </message>
    <message>
        <source>&amp;Submit</source>
        <translation>&amp;Göndər</translation>
    </message>
    <message>
        <source>Loading the portal&apos;s list…</source>
        <translation>Portalın siyahısı yüklənir…</translation>
    </message>
    <message>
        <source>The portal cannot be reached: this list was saved earlier.</source>
        <translation>Portala qoşulmaq olmur: bu siyahı əvvəlcədən saxlanılıb.</translation>
    </message>
    <message>
        <source>Accepts %1 up to %2 MB, level %3 or higher.</source>
        <translation>%1 qəbul edir, %2 MB-a qədər, səviyyə %3 və ya daha yüksək.</translation>
    </message>
</context>
<context>
    <name>TokenCard</name>
    <message>
        <source>Holder: %1</source>
        <translation>Sahibi: %1</translation>
    </message>
    <message>
        <source>No personal certificate</source>
        <translation>Şəxsi sertifikat yoxdur</translation>
    </message>
    <message>
        <source>No certificates on this token.</source>
        <translation>Bu tokendə sertifikat yoxdur.</translation>
    </message>
    <message>
        <source>Change PIN…</source>
        <translation>PIN-i dəyiş…</translation>
    </message>
    <message>
        <source>Unblock PIN…</source>
        <translation>Blokdan çıxar…</translation>
    </message>
    <message>
        <source>Change the PIN of %1</source>
        <translation>%1 PIN-ini dəyiş</translation>
    </message>
    <message>
        <source>Unblock the PIN of %1</source>
        <translation>%1 PIN-ini blokdan çıxar</translation>
    </message>
    <message>
        <source>Signing certificate</source>
        <translation>İmza sertifikatı</translation>
    </message>
    <message>
        <source>Certificate not for signing</source>
        <translation>İmza üçün olmayan sertifikat</translation>
    </message>
    <message>
        <source>expired on %1</source>
        <translation>%1 tarixində müddəti bitib</translation>
    </message>
    <message>
        <source>valid from %1</source>
        <translation>%1 tarixindən etibarlı</translation>
    </message>
    <message>
        <source>valid until %1</source>
        <translation>%1 tarixinədək etibarlı</translation>
    </message>
    <message>
        <source>PIN blocked: unblock it with the PUK.</source>
        <translation>PIN bloklanıb: onu PUK ilə blokdan çıxarın.</translation>
    </message>
    <message>
        <source>Final PIN try: one more wrong PIN blocks it.</source>
        <translation>Son PIN cəhdi: daha bir yanlış PIN onu bloklayacaq.</translation>
    </message>
    <message>
        <source>A wrong PIN was entered: few tries may be left.</source>
        <translation>Yanlış PIN daxil edilib: az cəhd qala bilər.</translation>
    </message>
    <message>
        <source>PIN is typed on the reader&apos;s PIN pad.</source>
        <translation>PIN oxuyucunun klaviaturasında yığılır.</translation>
    </message>
    <message>
        <source>PIN ready.</source>
        <translation>PIN hazırdır.</translation>
    </message>
    <message>
        <source>Card or token %1</source>
        <translation>Kart və ya token %1</translation>
    </message>
</context>
<context>
    <name>TokenPanel</name>
    <message>
        <source>Reading the tokens failed: %1</source>
        <translation>Tokenləri oxumaq mümkün olmadı: %1</translation>
    </message>
    <message>
        <source>Looking for cards and tokens…</source>
        <translation>Kartlar və tokenlər axtarılır…</translation>
    </message>
    <message>
        <source>No PKCS#11 module could be loaded. Install your card&apos;s software, or choose its module in Settings.</source>
        <translation>Heç bir PKCS#11 modulu yüklənmədi. Kartınızın proqram təminatını quraşdırın və ya onun modulunu Parametrlərdə seçin.</translation>
    </message>
    <message>
        <source>No card reader found. Connect the reader.</source>
        <translation>Kart oxuyucusu tapılmadı. Oxuyucunu qoşun.</translation>
    </message>
    <message>
        <source>No card or token. Insert your ID card or plug in your token.</source>
        <translation>Kart və ya token yoxdur. Şəxsiyyət vəsiqənizi taxın və ya tokeninizi qoşun.</translation>
    </message>
    <message>
        <source>The PIN is blocked on every token present.</source>
        <translation>Bütün tokenlərdə PIN bloklanıb.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cards and tokens&lt;/b&gt;</source>
        <translation>&lt;b&gt;Kartlar və tokenlər&lt;/b&gt;</translation>
    </message>
    <message>
        <source>A card is in the reader, but no installed card software can read it. Install the card&apos;s software (for most ID cards OpenSC) or choose its module in Settings.</source>
        <translation>Oxuyucuda kart var, lakin quraşdırılmış heç bir kart proqramı onu oxuya bilmir. Kartın proqram təminatını quraşdırın (əksər şəxsiyyət vəsiqələri üçün OpenSC) və ya Parametrlərdə onun modulunu seçin.</translation>
    </message>
    <message>
        <source>Card readers: %1</source>
        <translation>Kart oxuyucuları: %1</translation>
    </message>
    <message>
        <source>Cards and tokens</source>
        <translation>Kartlar və tokenlər</translation>
    </message>
    <message>
        <source>The ID cards and tokens present now, with their certificates and PIN state.</source>
        <translation>Hazırda qoşulu olan şəxsiyyət vəsiqələri və tokenlər, onların sertifikatları və PIN vəziyyəti ilə.</translation>
    </message>
</context>
<context>
    <name>TrustNotice</name>
    <message>
        <source>Until then no signature can be confirmed as valid.</source>
        <translation>O vaxta qədər heç bir imza etibarlı kimi təsdiqlənə bilməz.</translation>
    </message>
    <message>
        <source>&amp;Add a root certificate…</source>
        <translation>Kök sertifikat &amp;əlavə et…</translation>
    </message>
    <message>
        <source>Trust your certification centre: choose its root certificate file</source>
        <translation>Sertifikatlaşdırma mərkəzinizə etibar edin: onun kök sertifikat faylını seçin</translation>
    </message>
    <message>
        <source>Nothing is trusted yet</source>
        <translation>Hələ heç nəyə etibar edilmir</translation>
    </message>
</context>
<context>
    <name>TrustPage</name>
    <message>
        <source>Default folder</source>
        <translation>Standart qovluq</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>S&amp;eç…</translation>
    </message>
    <message>
        <source>Your trust &amp;folder:</source>
        <translation>Etibar &amp;qovluğunuz:</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Ad</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Vəziyyət</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Növ</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Bitmə tarixi</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Mənbə</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fayl</translation>
    </message>
    <message>
        <source>&amp;Add certificate or trusted list…</source>
        <translation>Sertifikat və ya etibarlı siyahı &amp;əlavə et…</translation>
    </message>
    <message>
        <source>Add trusted-list &amp;signer…</source>
        <translation>Etibarlı siyahının i&amp;mzalayanını əlavə et…</translation>
    </message>
    <message>
        <source>The certificate a trusted list is signed with. A trusted list is only used when its signature verifies with one of these.</source>
        <translation>Etibarlı siyahının imzalandığı sertifikat. Etibarlı siyahı yalnız imzası bunlardan biri ilə təsdiqləndikdə istifadə olunur.</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>&amp;Sil</translation>
    </message>
    <message>
        <source>Your trust folder</source>
        <translation>Etibar qovluğunuz</translation>
    </message>
    <message>
        <source>Some files are not used; select one to see why.</source>
        <translation>Bəzi fayllar istifadə olunmur; səbəbini görmək üçün birini seçin.</translation>
    </message>
    <message>
        <source>Checking the trusted lists…</source>
        <translation>Etibarlı siyahılar yoxlanılır…</translation>
    </message>
    <message>
        <source>Adding %1…</source>
        <translation>%1 əlavə edilir…</translation>
    </message>
    <message>
        <source>Removing %1…</source>
        <translation>%1 silinir…</translation>
    </message>
    <message>
        <source>Removed %1: it is no longer trusted.</source>
        <translation>%1 silindi: ona artıq etibar edilmir.</translation>
    </message>
    <message>
        <source>Added %1 to %2.</source>
        <translation>%1 %2 qovluğuna əlavə edildi.</translation>
    </message>
    <message>
        <source>Added %1, but it is not used: %2.</source>
        <translation>%1 əlavə edildi, lakin istifadə olunmur: %2.</translation>
    </message>
    <message>
        <source>Add trusted-list signer</source>
        <translation>Etibarlı siyahının imzalayanını əlavə et</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der);;All files (*)</source>
        <translation>Sertifikatlar (*.pem *.crt *.cer *.der);;Bütün fayllar (*)</translation>
    </message>
    <message>
        <source>Add certificate or trusted list</source>
        <translation>Sertifikat və ya etibarlı siyahı əlavə et</translation>
    </message>
    <message>
        <source>Certificates and trusted lists (*.pem *.crt *.cer *.der *.xml);;All files (*)</source>
        <translation>Sertifikatlar və etibarlı siyahılar (*.pem *.crt *.cer *.der *.xml);;Bütün fayllar (*)</translation>
    </message>
    <message>
        <source>Remove from trust</source>
        <translation>Etibardan çıxar</translation>
    </message>
    <message>
        <source>Stop trusting %1? The file is deleted from your trust folder %2.</source>
        <translation>%1 faylına etibar dayandırılsın? Fayl %2 etibar qovluğunuzdan silinir.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Sil</translation>
    </message>
    <message>
        <source>Files you add are copied to %1.</source>
        <translation>Əlavə etdiyiniz fayllar %1 qovluğuna köçürülür.</translation>
    </message>
    <message>
        <source>%1 does not exist: verification stops with an error until it does. Adding a file creates it.</source>
        <translation>%1 mövcud deyil: o yaradılana qədər yoxlama xəta ilə dayanır. Fayl əlavə etdikdə yaradılır.</translation>
    </message>
    <message>
        <source>Files you add are copied to %1 (created when you add the first one).</source>
        <translation>Əlavə etdiyiniz fayllar %1 qovluğuna köçürülür (ilk faylı əlavə etdikdə yaradılır).</translation>
    </message>
    <message>
        <source>Nothing is trusted yet: add a root certificate or a trusted list.</source>
        <translation>Hələ heç nəyə etibar edilmir: kök sertifikat və ya etibarlı siyahı əlavə edin.</translation>
    </message>
    <message>
        <source>Root certificate</source>
        <translation>Kök sertifikat</translation>
    </message>
    <message>
        <source>Trusted list</source>
        <translation>Etibarlı siyahı</translation>
    </message>
    <message>
        <source>Trusted-list signer</source>
        <translation>Etibarlı siyahının imzalayanı</translation>
    </message>
    <message>
        <source>next update %1</source>
        <translation>növbəti yeniləmə %1</translation>
    </message>
    <message>
        <source>Bundled with Imza</source>
        <translation>Imza ilə gəlir</translation>
    </message>
    <message>
        <source>Your folder</source>
        <translation>Sizin qovluq</translation>
    </message>
    <message>
        <source>Not used</source>
        <translation>İstifadə olunmur</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Müddəti bitib</translation>
    </message>
    <message>
        <source>Trusted</source>
        <translation>Etibarlı</translation>
    </message>
    <message>
        <source>Not used: %1.</source>
        <translation>İstifadə olunmur: %1.</translation>
    </message>
    <message>
        <source>Comes with Imza; it cannot be removed here.</source>
        <translation>Imza ilə gəlir; burada silinə bilməz.</translation>
    </message>
    <message>
        <source>Listed service</source>
        <translation>Siyahıdakı xidmət</translation>
    </message>
    <message>
        <source>Files that come with Imza cannot be removed.</source>
        <translation>Imza ilə gələn fayllar silinə bilməz.</translation>
    </message>
</context>
<context>
    <name>TrustSetup</name>
    <message>
        <source>The root certificate of your certification centre</source>
        <translation>Sertifikatlaşdırma mərkəzinizin kök sertifikatı</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Bütün fayllar (*)</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der)</source>
        <translation>Sertifikatlar (*.pem *.crt *.cer *.der)</translation>
    </message>
</context>
<context>
    <name>VerificationView</name>
    <message>
        <source>Open a signed document to see its signatures.</source>
        <translation>İmzalarını görmək üçün imzalı sənədi açın.</translation>
    </message>
    <message>
        <source>Verifying %1…</source>
        <translation>%1 yoxlanılır…</translation>
    </message>
    <message>
        <source>Verification cancelled. Press Verify (Ctrl+Shift+V) to run it again.</source>
        <translation>Yoxlama ləğv edildi. Yenidən yoxlamaq üçün Yoxla (Ctrl+Shift+V) basın.</translation>
    </message>
    <message>
        <source>This file holds no signatures. Sign it to make a detached .p7s signature beside it; open that .p7s to verify it.</source>
        <translation>Bu faylda imza yoxdur. İmzalasanız, yanında ayrıca .p7s imzası yaranacaq; onu yoxlamaq üçün həmin .p7s faylını açın.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Signatures&lt;/b&gt;</source>
        <translation>&lt;b&gt;İmzalar&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation>Hesabatı &amp;ixrac et…</translation>
    </message>
    <message>
        <source>Save this verification report as HTML or PDF</source>
        <translation>Bu yoxlama hesabatını HTML və ya PDF kimi saxla</translation>
    </message>
    <message>
        <source>This document is not signed. Press Sign (Ctrl+S) to sign it.</source>
        <translation>Bu sənəd imzalanmayıb. İmzalamaq üçün İmzala (Ctrl+S) düyməsini basın.</translation>
    </message>
    <message>
        <source>The file this signature signs, %1, is not beside it. Choose it to check the signature.</source>
        <translation>Bu imzanın imzaladığı fayl, %1, onun yanında deyil. İmzanı yoxlamaq üçün onu seçin.</translation>
    </message>
    <message>
        <source>not covered by any signature</source>
        <translation>heç bir imza ilə əhatə olunmayıb</translation>
    </message>
    <message numerus="yes">
        <source>%1 bytes</source>
        <translation>
            <numerusform>%1 bayt</numerusform>
            <numerusform>%1 bayt</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Choose the signed file…</source>
        <translation>İmzalanmış faylı &amp;seçin…</translation>
    </message>
    <message>
        <source>&amp;Files in this container</source>
        <translation>Bu konteynerdəki &amp;fayllar</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fayl</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>İmzalayan</translation>
    </message>
    <message>
        <source>Files in this container</source>
        <translation>Bu konteynerdəki fayllar</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Aç</translation>
    </message>
    <message>
        <source>Open a copy of this file with the system's viewer</source>
        <translation>Bu faylın nüsxəsini sistemin baxış proqramı ilə açın</translation>
    </message>
    <message>
        <source>Sa&amp;ve…</source>
        <translation>Yadda &amp;saxla…</translation>
    </message>
    <message>
        <source>Save a copy of this file</source>
        <translation>Bu faylın nüsxəsini yadda saxlayın</translation>
    </message>
    <message>
        <source>Signatures and their verdicts</source>
        <translation>İmzalar və onların nəticələri</translation>
    </message>
    <message>
        <source>One row per signature: the verdict, who signed and when. The details of the selected one are shown below.</source>
        <translation>Hər imza üçün bir sətir: nəticə, kim və nə vaxt imzalayıb. Seçilmiş imzanın təfərrüatları aşağıda göstərilir.</translation>
    </message>
    <message>
        <source>Details of the selected signature</source>
        <translation>Seçilmiş imzanın təfərrüatları</translation>
    </message>
    <message>
        <source>The checks made, the certificate chain and the time-stamps.</source>
        <translation>Aparılmış yoxlamalar, sertifikat zənciri və vaxt möhürləri.</translation>
    </message>
    <message>
        <source>Verification summary</source>
        <translation>Yoxlamanın xülasəsi</translation>
    </message>
</context>
</TS>
