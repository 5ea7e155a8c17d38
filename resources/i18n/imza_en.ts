<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>BulkView</name>
    <message numerus="yes">
        <source>%n letters will be signed.</source>
        <translation>
            <numerusform>%n letter will be signed.</numerusform>
            <numerusform>%n letters will be signed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n letters</source>
        <translation>
            <numerusform>%n letter</numerusform>
            <numerusform>%n letters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>An unfinished run was found in this folder: %1 of %n letters are signed.

Resume it? Letters already signed are not signed again.</source>
        <translation>
            <numerusform>An unfinished run was found in this folder: %1 of %n letter is signed.

Resume it? Letters already signed are not signed again.</numerusform>
            <numerusform>An unfinished run was found in this folder: %1 of %n letters are signed.

Resume it? Letters already signed are not signed again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FileFactsView</name>
    <message numerus="yes">
        <source>%1 bytes</source>
        <translation>
            <numerusform>%1 byte</numerusform>
            <numerusform>%1 bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SigningFlow</name>
    <message numerus="yes">
        <source>%n documents</source>
        <translation>
            <numerusform>%n document</numerusform>
            <numerusform>%n documents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VerificationView</name>
    <message numerus="yes">
        <source>%1 bytes</source>
        <translation>
            <numerusform>%1 byte</numerusform>
            <numerusform>%1 bytes</numerusform>
        </translation>
    </message>
</context>
</TS>
