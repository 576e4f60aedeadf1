DELETE FROM jobs WHERE kind = 'mail.send';
